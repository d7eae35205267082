import type { ModelSpec } from '@imagegate/core';
import { describePrice, priceFor, type PriceOverrides } from '@imagegate/core/provider';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { credentialPrices } from '../provider/credential.js';
import { findNodeProvider, type NodeProvider } from '../provider/node-provider.js';

/**
 * "From List" of the Model parameter: the selected provider's models that
 * support the selected operation, filtered by the search text (id, name or
 * alias), each linking to its documentation page, with its price where one
 * is known (the credential's Prices, else the price table).
 */
export function searchModelsIn(providers: readonly NodeProvider[]) {
  return async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
    const provider =
      findNodeProvider(providers, String(this.getCurrentNodeParameter('provider') ?? '')) ??
      (providers.length === 1 ? providers[0] : undefined);
    const operation = String(this.getCurrentNodeParameter('operation') ?? 'generate');
    const needle = (filter ?? '').trim().toLowerCase();
    const overrides = provider ? await ownPrices(this, provider) : undefined;
    const results = (provider?.models ?? [])
      .filter((m) => m.operations.includes(operation === 'edit' ? 'edit' : 'generate'))
      .filter(
        (m) => !needle || [m.id, m.name, ...(m.aliases ?? [])].some((text) => text.toLowerCase().includes(needle)),
      )
      .map((m) => {
        const price = priceLine(m, overrides);
        const about = m.aliases?.length
          ? `${m.description ?? ''} Also known as ${m.aliases.join(', ')}.`.trim()
          : m.description;
        return {
          // n8n's list shows the name alone (the description is not displayed), so the price goes beside it.
          name: `${displayName(m)}${price ? ` · ${price.short}` : ''}`,
          value: m.id,
          description: price ? `${about ? `${about} ` : ''}${price.long}.` : about,
          url: m.docsUrl,
        };
      });
    return { results };
  };
}

/** "Gemini 2.5 Flash Image (preview)" → "… (preview, deprecated)": one pair of brackets. */
function displayName(m: ModelSpec): string {
  if (!m.deprecated) return m.name;
  return m.name.endsWith(')') ? `${m.name.slice(0, -1)}, deprecated)` : `${m.name} (deprecated)`;
}

/** A model's price in the list: `$0.04 per image`, and whose it is; undefined where none is known. */
function priceLine(model: ModelSpec, overrides?: PriceOverrides): { short: string; long: string } | undefined {
  const applied = priceFor(model, overrides);
  if (!applied) return undefined;
  const short = describePrice(applied.price);
  const whose =
    applied.basis === 'override'
      ? "your price, from the credential's Prices"
      : `price table${applied.price.asOf ? ` of ${applied.price.asOf}` : ''}`;
  return {
    short: applied.basis === 'override' ? `${short} (your price)` : short,
    // The price's note speaks to code (`prices`); in n8n, the credential's Prices field is the way to one's own.
    long: `${short} (${whose})`,
  };
}

/** The credential's Prices, when one is set and valid; the list never fails over them (the run says what is wrong). */
async function ownPrices(fns: ILoadOptionsFunctions, provider: NodeProvider): Promise<PriceOverrides | undefined> {
  try {
    return credentialPrices((await fns.getCredentials(provider.credentialType)).prices).prices;
  } catch {
    return undefined;
  }
}
