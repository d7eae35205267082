import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { findNodeProvider, type NodeProvider } from '../provider/node-provider.js';

/**
 * "From List" of the Model parameter: the selected provider's models that
 * support the selected operation, filtered by the search text (id, name or
 * alias), each linking to its documentation page.
 */
export function searchModelsIn(providers: readonly NodeProvider[]) {
  return async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
    const provider =
      findNodeProvider(providers, String(this.getCurrentNodeParameter('provider') ?? '')) ??
      (providers.length === 1 ? providers[0] : undefined);
    const operation = String(this.getCurrentNodeParameter('operation') ?? 'generate');
    const needle = (filter ?? '').trim().toLowerCase();
    const results = (provider?.models ?? [])
      .filter((m) => m.operations.includes(operation === 'edit' ? 'edit' : 'generate'))
      .filter(
        (m) => !needle || [m.id, m.name, ...(m.aliases ?? [])].some((text) => text.toLowerCase().includes(needle)),
      )
      .map((m) => ({
        // "Gemini 2.5 Flash Image (preview)" → "… (preview, deprecated)": one pair of brackets.
        name: !m.deprecated
          ? m.name
          : m.name.endsWith(')')
            ? `${m.name.slice(0, -1)}, deprecated)`
            : `${m.name} (deprecated)`,
        value: m.id,
        description: m.aliases?.length
          ? `${m.description ?? ''} Also known as ${m.aliases.join(', ')}.`.trim()
          : m.description,
        url: m.docsUrl,
      }));
    return { results };
  };
}
