import type { IAuthenticateGeneric, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';
import type { ProviderAccount } from '@imagegate/core/provider';

/** How each way of writing the key is named in the credential form. */
const SCHEME_NAMES = { bare: 'Key Only', bearer: 'Bearer Key' } as const;

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
            options: schemes.map((scheme, i) => ({ name: `${SCHEME_NAMES[scheme]}${i === 0 ? ' (as documented)' : ''}`, value: scheme })),
            default: schemes[0],
            description: `How the key is written in the ${credentials.auth.header ?? 'Authorization'} header`,
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

/** n8n puts the key in the definition's header, in the chosen format. */
export function credentialAuthentication(account: ProviderAccount): IAuthenticateGeneric {
  const { auth } = account.credentials;
  const header = auth.header ?? 'Authorization';
  const value =
    auth.schemes.length > 1
      ? '={{ $credentials.authScheme === "bearer" ? "Bearer " + $credentials.apiKey : $credentials.apiKey }}'
      : auth.schemes[0] === 'bearer'
        ? '={{ "Bearer " + $credentials.apiKey }}'
        : '={{ $credentials.apiKey }}';
  return { type: 'generic', properties: { headers: { [header]: value } } };
}

/** The credential test: the definition's key check, on the credential's base URL. */
export function credentialTest(account: ProviderAccount): ICredentialTestRequest {
  const check = account.keyCheck ?? { method: 'GET' as const, path: '/' };
  return { request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: check.path, method: check.method } };
}
