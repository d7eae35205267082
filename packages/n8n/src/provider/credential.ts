import { priceProblem, type PriceOverrides, type ProviderAccount } from '@imagegate/core/provider';
import type { IAuthenticateGeneric, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** How each way of writing the key is named in the credential form. */
const SCHEME_NAMES = { bare: 'Key Only', bearer: 'Bearer Key' } as const;

/**
 * The Authorization Format that sends the documented form and, when the
 * vendor refuses the key (401, never billed), tries the other once and keeps
 * the one accepted (core's default where a vendor's pages disagree).
 */
export const AUTO_AUTH_SCHEME = 'auto';

/** The credential's Prices field as the form shows it (and as messages about it name it). */
export const PRICES_FIELD = 'Prices';

/** A price as the Prices field takes it: the example of its description and of its errors. */
const PRICE_EXAMPLE = '{"gpt-image-2": {"per": "image", "amount": 0.012, "currency": "USD"}}';

/**
 * The fields of a provider's n8n credential, from its account (the part of
 * its definition a credential needs, e.g. `GPTPROTO_ACCOUNT`): the API key
 * (with the definition's hint), the key format when the vendor takes more
 * than one (the definition's first is the default), the base URL, and your
 * own prices by model.
 */
export function credentialProperties(account: ProviderAccount): INodeProperties[] {
  const { name, credentials } = account;
  const schemes = credentials.auth.schemes;
  return [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: `Your ${name} API key${credentials.keyHint ? ` (${credentials.keyHint})` : ''}`,
    },
    ...(schemes.length > 1
      ? [
          {
            displayName: 'Authorization Format',
            name: 'authScheme',
            type: 'options',
            options: [
              {
                name: 'Automatic',
                value: AUTO_AUTH_SCHEME,
                description:
                  `${SCHEME_NAMES[schemes[0]!]} as documented; if ${name} refuses it, ` +
                  `${SCHEME_NAMES[schemes[1]!]} once, then whichever worked`,
              },
              ...schemes.map((scheme, i) => ({
                name: `${SCHEME_NAMES[scheme]}${i === 0 ? ' (as documented)' : ''}`,
                value: scheme,
                description: 'Always this form, nothing else',
              })),
            ],
            default: AUTO_AUTH_SCHEME,
            description:
              `How the key is written in the ${credentials.auth.header ?? 'Authorization'} header. ` +
              `${name}'s pages disagree; Automatic tries both. ` +
              'The credential test sends the documented form (or the one you pick).',
          } satisfies INodeProperties,
        ]
      : []),
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: credentials.baseUrl,
      description: 'Change only for a proxy or a local emulator',
    },
    {
      displayName: PRICES_FIELD,
      name: 'prices',
      type: 'json',
      default: '',
      hint:
        'Optional. Resellers and plans often charge less (or more) than the list price: ' +
        'your prices replace it in the cost of each item and in Max Cost per Execution.',
      description:
        `Your prices by model ID, as JSON: ${PRICE_EXAMPLE}. ` +
        '"per" is "image" (with "amount", or "by": "resolution", "size" or "quality" and "amounts") ' +
        'or "million-tokens" (with "input" and "output"). Leave empty for the list prices.',
    },
  ];
}

/**
 * The credential's Prices as core's `prices`: undefined when empty; a
 * `problem` (naming the field, the model and the sub-field) when it is not
 * valid JSON or a price is wrong, so the node refuses before any request.
 */
export function credentialPrices(value: unknown): { prices?: PriceOverrides; problem?: string } {
  let parsed = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return {};
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      return { problem: `${PRICES_FIELD} is not valid JSON (${(error as Error).message})` };
    }
  }
  if (parsed === undefined || parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    return { problem: `${PRICES_FIELD} must be a JSON object of model IDs to prices, such as ${PRICE_EXAMPLE}` };
  for (const [model, price] of Object.entries(parsed)) {
    const found = priceProblem(price, model);
    if (!found) continue;
    const part = found.field.slice(model.length + 1);
    return { problem: `${PRICES_FIELD} → ${model}${part ? ` → ${part.replace(/\./g, ' → ')}` : ''}: ${found.problem}` };
  }
  return Object.keys(parsed).length > 0 ? { prices: parsed as PriceOverrides } : {};
}

/**
 * n8n puts the key in the definition's header, in the chosen format
 * (Automatic: the documented one, as the credential test sends it; the node
 * itself then lets core write the header, so it can try the other form).
 */
export function credentialAuthentication(account: ProviderAccount): IAuthenticateGeneric {
  const { auth } = account.credentials;
  const header = auth.header ?? 'Authorization';
  const bearer = '"Bearer " + $credentials.apiKey';
  const bare = '$credentials.apiKey';
  const documented = auth.schemes[0] === 'bearer' ? bearer : bare;
  const value =
    auth.schemes.length > 1
      ? `={{ $credentials.authScheme === "bearer" ? ${bearer} : ` +
        `$credentials.authScheme === "bare" ? ${bare} : ${documented} }}`
      : `={{ ${documented} }}`;
  return { type: 'generic', properties: { headers: { [header]: value } } };
}

/** True when a credential leaves the way of writing the key to core (Automatic, or saved before the option existed). */
export function automaticAuth(credentials: Record<string, unknown>): boolean {
  return credentials.authScheme === undefined || credentials.authScheme === AUTO_AUTH_SCHEME;
}

/** The credential test: the definition's key check, on the credential's base URL. */
export function credentialTest(account: ProviderAccount): ICredentialTestRequest {
  const check = account.keyCheck ?? { method: 'GET' as const, path: '/' };
  return {
    request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: check.path, method: check.method },
  };
}
