import type { HttpTransport, ImageProvider, ModelSpec } from '@imagegate/core';
import type { AuthScheme, DefinedProvider, ProviderDefinition } from '@imagegate/core/provider';
import { AUTO_AUTH_SCHEME } from './credential.js';

/** What a node needs to know about one provider; derived from its definition by {@link nodeProvider}. */
export interface NodeProvider {
  /** Value of the node's Provider parameter: the provider's id. */
  id: string;
  displayName: string;
  /** The n8n credential type holding the key and base URL (its class's `name`). */
  credentialType: string;
  models: readonly ModelSpec[];
  /** The model a new node starts with. */
  defaultModel: string;
  /** The provider's definition: credentials, key check, documentation. */
  definition: ProviderDefinition<string, unknown, unknown>;
  /** Build the provider from the credential's data and the node's transport. */
  create(credentials: Record<string, unknown>, transport: HttpTransport): ImageProvider;
}

/** What a node package says about a provider beyond its definition. */
export interface NodeProviderOptions {
  /** The model a new node starts with (the provider's flagship). Must be one of its models. */
  defaultModel: string;
  /** The package's credential class for this provider (built with `credentialProperties` and friends). */
  credential: new () => { name: string };
}

/**
 * A provider as an n8n node offers it, derived from its definition: the
 * Provider option, the credential, the model list and the factory. Node
 * packages list these; everything else in the node follows from them.
 *
 * @example
 * const GPTPROTO = nodeProvider(gptProto, { defaultModel: 'gpt-image-2', credential: GptProtoApi });
 */
export function nodeProvider(
  defined: DefinedProvider<string, unknown, unknown>,
  options: NodeProviderOptions,
): NodeProvider {
  const { definition } = defined;
  if (!definition.models.some((m) => m.id === options.defaultModel)) {
    throw new Error(`nodeProvider(${definition.id}): defaultModel "${options.defaultModel}" is not one of its models.`);
  }
  return {
    id: definition.id,
    displayName: definition.name,
    credentialType: new options.credential().name,
    models: definition.models,
    defaultModel: options.defaultModel,
    definition,
    create: (credentials, transport) =>
      defined.create({
        apiKey: String(credentials.apiKey ?? ''),
        baseUrl: text(credentials.baseUrl),
        // Automatic leaves it to core: the documented form, and the other once on a refused key.
        authScheme:
          credentials.authScheme === AUTO_AUTH_SCHEME
            ? undefined
            : (text(credentials.authScheme) as AuthScheme | undefined),
        transport,
      }),
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The provider of a node with this id; undefined for an unknown one. */
export function findNodeProvider(providers: readonly NodeProvider[], id: string): NodeProvider | undefined {
  return providers.find((p) => p.id === id);
}
