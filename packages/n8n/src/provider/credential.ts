import type { ProviderAccount } from '@imagegate/core/provider';
import type { IAuthenticateGeneric, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** How each way of writing the key is named in the credential form. */
const SCHEME_NAMES = { bare: 'Key Only', bearer: 'Bearer Key' } as const;

/**
 * The Authorization Format that sends the documented form and, when the
 * vendor refuses the key (401, never billed), tries the other once and keeps
 * the one accepted (core's default where a vendor's pages disagree).
 */
export const AUTO_AUTH_SCHEME = 'auto';

/**
 * The fields of a provider's n8n credential, from its account (the part of
 * its definition a credential needs, e.g. `GPTPROTO_ACCOUNT`): the API key
 * (with the definition's hint), the key format when the vendor takes more
 * than one (the definition's first is the default), and the base URL.
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
  ];
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
