import type { HttpTransport, ImageProvider, ModelSpec } from '@imagegate/core';
import { createGptProto, GPTPROTO_MODELS } from '@imagegate/provider-gptproto';
import { createToApis, TOAPIS_MODELS } from '@imagegate/provider-toapis';

/** What the node knows about one provider: its manifest, credential and factory. */
export interface ProviderEntry {
  /** Value of the node's Provider parameter (the provider id). */
  id: string;
  displayName: string;
  /** n8n credential type holding the key and base URL. */
  credentialType: string;
  models: readonly ModelSpec[];
  /** The model a new node starts with: the provider's current flagship. */
  defaultModel: string;
  /** Build the provider from the credential's data and the node's transport. */
  create(credentials: Record<string, unknown>, transport: HttpTransport): ImageProvider;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Every provider the node offers. Adding a provider is one entry here: the
 * parameters, model list and validation all come from its manifest.
 */
export const PROVIDERS: readonly ProviderEntry[] = [
  {
    id: 'gptproto',
    displayName: 'GPTProto',
    credentialType: 'imageGateGptProtoApi',
    models: GPTPROTO_MODELS,
    defaultModel: 'gpt-image-2',
    create: (credentials, transport) =>
      createGptProto({
        apiKey: String(credentials.apiKey ?? ''),
        baseUrl: text(credentials.baseUrl),
        authScheme: credentials.authScheme === 'bearer' ? 'bearer' : 'bare',
        transport,
      }),
  },
  {
    id: 'toapis',
    displayName: 'ToAPIs',
    credentialType: 'imageGateToApisApi',
    models: TOAPIS_MODELS,
    defaultModel: 'gemini-3-pro-image-preview',
    create: (credentials, transport) => createToApis({ apiKey: String(credentials.apiKey ?? ''), baseUrl: text(credentials.baseUrl), transport }),
  },
];

/** The entry for a provider id; undefined for an unknown one. */
export function providerEntry(id: string): ProviderEntry | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
