import type { ProviderAccount } from '@imagegate/core/provider';

/** The provider id, in errors and task handles. */
export const PROVIDER_ID = 'gptproto';

/** GPTProto's API origin. */
export const GPTPROTO_BASE_URL = 'https://gptproto.com';

/**
 * What a GPTProto credential needs (name, key format, base URL, key check),
 * apart from the provider's code: n8n credential files import only this.
 */
export const GPTPROTO_ACCOUNT: ProviderAccount = {
  id: PROVIDER_ID,
  name: 'GPTProto',
  docsUrl: 'https://docs.gptproto.com',
  credentials: { baseUrl: GPTPROTO_BASE_URL, auth: { schemes: ['bare', 'bearer'] }, keyHint: 'sk-…' },
  keyCheck: { method: 'GET', path: '/v1/models' },
};
