import type { ProviderAccount } from '@imagegate/core/provider';

/** The provider id, in errors and task handles. */
export const PROVIDER_ID = 'toapis';

/** ToAPIs's API origin. */
export const TOAPIS_BASE_URL = 'https://toapis.com';

/**
 * What a ToAPIs credential needs (name, key format, base URL, key check),
 * apart from the provider's code: n8n credential files import only this.
 */
export const TOAPIS_ACCOUNT: ProviderAccount = {
  id: PROVIDER_ID,
  name: 'ToAPIs',
  docsUrl: 'https://docs.toapis.com',
  credentials: { baseUrl: TOAPIS_BASE_URL, auth: { schemes: ['bearer'] } },
  keyCheck: { method: 'GET', path: '/v1/models' },
};
