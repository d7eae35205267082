import type { ProviderAccount } from '@imagegate/core/provider';

/** __NAME__'s API origin. */
export const __CONST___BASE_URL = 'https://api.__ID__.example';

/**
 * What the __NAME__ credential needs (name, key format, base URL, key check), apart from the
 * provider's code: an n8n credential file imports only this. The definition spreads it.
 */
export const __CONST___ACCOUNT: ProviderAccount = {
  id: '__ID__',
  name: '__NAME__',
  docsUrl: 'https://docs.__ID__.example',
  credentials: { baseUrl: __CONST___BASE_URL, auth: { schemes: ['bearer'] } },
  keyCheck: { method: 'GET', path: '/v1/account' },
};
