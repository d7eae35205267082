import { abortableSleep } from '#platform/sleep';
import { ImageGateError } from '../errors/image-gate-error.js';
import type { ErrorMapper } from '../errors/http-error-mapping.js';
import { registerSecret } from '../errors/redact.js';
import { createHttpClient, type HttpClient } from '../http/http-client.js';
import { resolveModel } from '../manifest/resolve-model.js';
import { unknownModel } from '../manifest/validate-request.js';
import type { ProviderCallContext } from '../spec/call-context.js';
import type { ImageRequest } from '../spec/image-request.js';
import { keyHostPatternProblem } from '../spec/key-hosts.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { checkSchema, type Schema } from '../spec/schema.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { HttpTransport } from '../spec/transport.js';
import { acceptedAuthScheme, rememberAuthScheme } from './accepted-auth.js';
import type { ImageProvider, SubmitResult } from './image-provider.js';
import { apiOrigin, headersWithDefaults } from './provider-settings.js';
import type { TaskStatus } from './task-status.js';

/** How the API key is written into its header. */
export type AuthScheme =
  /** `Bearer <key>` */
  | 'bearer'
  /** the key alone */
  | 'bare';

/** What a user gives a provider (and a host's credential stores). */
export interface ProviderSettings {
  /** The vendor API key. Passed in: providers read no environment variables. */
  apiKey: string;
  /** API origin; the definition's default otherwise. A pasted `…/v1` is fine. */
  baseUrl?: string;
  /**
   * How the key is sent, among the definition's `auth.schemes`; sent exactly
   * so when given. Unset (the default), the definition's first scheme is sent
   * and, where it lists more than one (its vendor's pages disagree), a 401
   * is answered by one try of the other, which is then kept for this key.
   */
  authScheme?: AuthScheme;
  /** Extra headers on every request; one named like a default (any case) replaces it. */
  headers?: Record<string, string>;
  /**
   * Route HTTP through the host's own client (n8n's helpers, a proxy, a test double). Core downloads results through it
   * too.
   */
  transport?: HttpTransport;
}

/** What a vendor call of a definition is handed besides core's call context. */
export interface VendorContext<Extra = Record<never, never>> extends ProviderCallContext {
  /** Core's HTTP client for this vendor: base URL, credentials, retries, error mapping. */
  http: HttpClient;
  /** The API origin in use, normalised (no trailing slash or `/v1`). */
  baseUrl: string;
  /** The provider's id and name, for errors and task handles. */
  provider: { id: string; name: string };
  /** The provider's own factory settings, as its `settings` schema parsed them. */
  settings: Extra;
}

/** The context of `submit`: also the request's provider options, parsed once by core (defaults applied). */
export interface SubmitContext<
  Options,
  Extra = Record<never, never>,
  ModelId extends string = string,
> extends VendorContext<Extra> {
  options: Options;
  /** The manifest entry of the request's model (found by id or alias, or described), as validation used it. */
  model: ModelSpec<ModelId>;
}

/**
 * Everything a provider is, in one place: core derives the factory, the key
 * check, secret registration, header and base-URL handling, the HTTP client
 * and the parse of provider options from it, and hosts (the n8n node kit)
 * derive their panel and credential from it.
 */
export interface ProviderDefinition<
  ModelId extends string = string,
  Options = Record<string, unknown>,
  Extra = Record<never, never>,
> {
  /** Stable lower-case id, e.g. `'toapis'`. */
  id: string;
  /** Display name, e.g. `'ToAPIs'`. */
  name: string;
  /** The vendor's API documentation. */
  docsUrl: string;
  models: readonly ModelSpec<ModelId>[];
  /** A spec for a model id not in `models` (a newer one of a known family), or undefined to refuse it. */
  describeModel?(id: string): ModelSpec<ModelId> | undefined;
  /** How users authenticate. */
  credentials: {
    /** Default API origin. */
    baseUrl: string;
    /**
     * The header the key goes in (default `authorization`) and the schemes users may pick (the first is the default).
     */
    auth: { header?: string; schemes: readonly AuthScheme[] };
    /** What a key looks like, for forms (e.g. `sk-…`). */
    keyHint?: string;
    /**
     * Hosts the key may be sent to besides the base URL's origin, over https: a name (`api.eu.acme.example`) or
     * `*.` and one (`*.acme.example`, any host under it). For vendors whose submit answers the URL to poll on another
     * host (a task handle's `pollUrl` / `cancelUrl`). Core sends the key nowhere else, redirects included; result
     * downloads never carry it.
     */
    keyHosts?: readonly string[];
  };
  /** A cheap authenticated request that succeeds with a valid key (hosts' "test credential"). */
  keyCheck?: { method: 'GET' | 'POST'; path: string };
  /** Schema of the provider's own factory settings beyond core's (an upload concurrency, say); checked at create. */
  settings?: Schema<Extra>;
  /** Schema of `request.providerOptions`; core validates and parses it once, before any request. */
  providerOptions?: Schema<Options>;
  /** Vendor error mapping for the HTTP client (core's by-status mapping otherwise). */
  mapError?: ErrorMapper;
  /** Rules across fields that the manifest cannot say; throw an INVALID_REQUEST or UNSUPPORTED ImageGateError. */
  validate?(request: ImageRequest<ModelId>, model: ModelSpec<ModelId>): void;
  /** One vendor call: images now, or a task (an async model's vendor may answer images at once, too). */
  submit(request: ImageRequest<ModelId>, ctx: SubmitContext<Options, Extra, ModelId>): Promise<SubmitResult>;
  /** Poll a task; required when a model is `async`. */
  getTask?(task: TaskHandle, ctx: VendorContext<Extra>): Promise<TaskStatus>;
  /** Stop a task; required when a model declares `cancel`. */
  cancelTask?(task: TaskHandle, ctx: VendorContext<Extra>): Promise<void>;
}

/**
 * The part of a definition a credential form needs (name, credentials, key
 * check, documentation), small enough to import without the provider's code:
 * provider packages export it on its own, and their definition spreads it.
 */
export type ProviderAccount = Pick<ProviderDefinition, 'id' | 'name' | 'docsUrl' | 'credentials' | 'keyCheck'>;

/** A definition with its factory; what a provider package exports. */
export interface DefinedProvider<
  ModelId extends string = string,
  Options = Record<string, unknown>,
  Extra = Record<never, never>,
> {
  readonly definition: ProviderDefinition<ModelId, Options, Extra>;
  /** Build the provider for one account. Throws INVALID_REQUEST for settings that cannot work. */
  create(settings: ProviderSettings & Partial<Extra>): ImageProvider<ModelId>;
  /**
   * Send the definition's `keyCheck` with these settings: resolves with the
   * way of writing the key the vendor accepted (with `authScheme` unset, both
   * are tried, as every call does); a refused key is AUTHENTICATION.
   */
  checkKey(
    settings: ProviderSettings & Partial<Extra>,
    options?: { signal?: AbortSignal },
  ): Promise<{ authScheme: AuthScheme }>;
}

/**
 * Declare a provider once; `create(settings)` then builds it.
 *
 * @example
 * export const acme = defineProvider({
 *   id: 'acme', name: 'Acme', docsUrl: 'https://docs.acme.test', models: ACME_MODELS,
 *   credentials: { baseUrl: 'https://api.acme.test', auth: { schemes: ['bearer'] } },
 *   async submit(request, { http }) { … },
 * });
 * export const createAcme = (settings: ProviderSettings) => acme.create(settings);
 */
export function defineProvider<ModelId extends string, Options = Record<string, unknown>, Extra = Record<never, never>>(
  definition: ProviderDefinition<ModelId, Options, Extra>,
): DefinedProvider<ModelId, Options, Extra> {
  const problems = definitionProblems(definition);
  // A definition that cannot work is the author's bug: said at once, not at a user's first call.
  if (problems.length > 0) throw new Error(`defineProvider(${String(definition.id)}): ${problems.join('; ')}.`);
  return {
    definition,
    create: (settings) => createProvider(definition, settings).provider,
    checkKey: (settings, options) => createProvider(definition, settings).checkKey(options?.signal),
  };
}

/** What is wrong with a definition itself (its manifest is `checkManifest`'s and the contract suite's). */
function definitionProblems(def: ProviderDefinition<string, unknown, unknown>): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(def.id ?? '')) problems.push('id must be lower-case letters, digits and dashes');
  if (!def.name) problems.push('name is empty');
  if (!/^https?:\/\//.test(def.credentials?.baseUrl ?? '')) problems.push('credentials.baseUrl must be an http(s) URL');
  if (!def.credentials?.auth?.schemes?.length) problems.push('credentials.auth.schemes lists no scheme');
  if (def.keyCheck && !def.keyCheck.path.startsWith('/')) problems.push('keyCheck.path must start with /');
  const keyHosts: unknown = def.credentials?.keyHosts;
  if (keyHosts !== undefined && !Array.isArray(keyHosts)) problems.push('credentials.keyHosts must be an array');
  if (Array.isArray(keyHosts))
    for (const pattern of keyHosts as unknown[]) {
      const problem = keyHostPatternProblem(pattern);
      if (problem) problems.push(`credentials.keyHosts "${String(pattern)}": ${problem}`);
    }
  for (const model of def.models ?? []) {
    if (model.async && !def.getTask) problems.push(`${model.id} is async but there is no getTask`);
    if (model.cancel && !def.cancelTask) problems.push(`${model.id} declares cancel but there is no cancelTask`);
  }
  return problems;
}

function createProvider<ModelId extends string, Options, Extra>(
  def: ProviderDefinition<ModelId, Options, Extra>,
  settings: ProviderSettings & Partial<Extra>,
): { provider: ImageProvider<ModelId>; checkKey(signal?: AbortSignal): Promise<{ authScheme: AuthScheme }> } {
  const fail = (field: string, message: string) =>
    new ImageGateError('INVALID_REQUEST', message, { field, provider: def.id, retryable: false });
  if (typeof settings !== 'object' || settings === null)
    throw fail('settings', `${def.name} needs settings: { apiKey, baseUrl?, headers?, transport? }.`);
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey.trim() : '';
  // From here on no error, log or snapshot built by core can carry the key.
  registerSecret(apiKey);
  const baseUrl = readBaseUrl(settings.baseUrl ?? def.credentials.baseUrl);
  if (!baseUrl)
    throw fail(
      'baseUrl',
      `"baseUrl" must be an http(s) URL without query or fragment, such as ${def.credentials.baseUrl}.`,
    );
  const schemes = def.credentials.auth.schemes;
  if (settings.authScheme !== undefined && !schemes.includes(settings.authScheme)) {
    throw fail(
      'authScheme',
      `"authScheme" must be one of ${schemes.join(', ')} for ${def.name}; got ${String(settings.authScheme)}.`,
    );
  }
  const authHeader = (def.credentials.auth.header ?? 'authorization').toLowerCase();
  // A host may authenticate through its own header (a proxy's) instead of the key.
  const ownAuthHeader = Object.keys(settings.headers ?? {}).some((name) => name.toLowerCase() === authHeader);
  const hasCredential = apiKey !== '' || ownAuthHeader;
  // Unset, the scheme this key was last accepted with, or the documented one; the others are tried on a 401.
  const order =
    settings.authScheme !== undefined
      ? [settings.authScheme]
      : orderedSchemes(schemes, acceptedAuthScheme(def.id, apiKey));
  let scheme: AuthScheme = order[0] ?? 'bearer';
  const written = (s: AuthScheme) => (s === 'bearer' ? `Bearer ${apiKey}` : apiKey);
  const headers = headersWithDefaults(settings.headers, { [authHeader]: written(scheme) });
  const credentialForms =
    order.length > 1 && apiKey !== '' && !ownAuthHeader
      ? {
          header: authHeader,
          values: order.map(written),
          onAccepted: (index: number) => {
            scheme = order[index]!;
            rememberAuthScheme(def.id, apiKey, scheme);
          },
        }
      : undefined;
  const http = createHttpClient({
    provider: def.id,
    baseUrl,
    headers,
    transport: settings.transport,
    mapError: def.mapError,
    credentialForms,
    keyHosts: def.credentials.keyHosts,
    credentialHeaders: [authHeader],
  });
  const vendor = { http, baseUrl, provider: { id: def.id, name: def.name }, settings: readSettings(def, settings) };

  const requireKey = (model: string): void => {
    if (hasCredential) return;
    throw new ImageGateError(
      'INVALID_REQUEST',
      `${def.name} needs "apiKey" (your ${def.name} key` +
        `${def.credentials.keyHint ? `, ${def.credentials.keyHint}` : ''}); it is missing or empty.`,
      {
        field: 'apiKey',
        provider: def.id,
        model,
        retryable: false,
      },
    );
  };
  const { getTask, cancelTask } = def;

  const checkKey = async (signal?: AbortSignal): Promise<{ authScheme: AuthScheme }> => {
    requireKey('');
    const check = def.keyCheck ?? { method: 'GET' as const, path: '/' };
    const ctx = {
      signal: signal ?? new AbortController().signal,
      sleep: abortableSleep,
      now: Date.now,
      maxRetries: 1,
      warn: () => undefined,
    };
    await http.send(ctx, { method: check.method, url: check.path, kind: 'idempotent' });
    return { authScheme: scheme };
  };

  const provider: ImageProvider<ModelId> = {
    specificationVersion: 'v1',
    id: def.id,
    name: def.name,
    models: def.models,
    baseUrl,
    keyHosts: def.credentials.keyHosts,
    credentialHeaders: [authHeader],
    transport: settings.transport,
    providerOptionsSchema: def.providerOptions,
    describeModel: def.describeModel && ((id) => def.describeModel!(id)),
    // Core validates every request before it submits one: the key is checked here, once.
    validate(request, model) {
      requireKey(model.id);
      def.validate?.(request, model);
    },
    submit: (request, ctx) => {
      // The engine hands over the model it resolved and validated; a direct call resolves it here.
      const model = ctx.model ?? resolveModel(def, request.model);
      if (!model) throw unknownModel(def, request.model);
      return def.submit(request, { ...ctx, ...vendor, options: (request.providerOptions ?? {}) as Options, model });
    },
    getTask:
      getTask &&
      ((task, ctx) => {
        requireKey(task.model);
        return getTask(task, { ...ctx, ...vendor });
      }),
    cancelTask:
      cancelTask &&
      ((task, ctx) => {
        requireKey(task.model);
        return cancelTask(task, { ...ctx, ...vendor });
      }),
  };
  return { provider, checkKey };
}

/** The schemes to send, in order: the one this key was last accepted with first, then the documented order. */
function orderedSchemes(schemes: readonly AuthScheme[], accepted: string | undefined): AuthScheme[] {
  const first = schemes.find((s) => s === accepted);
  return first ? [first, ...schemes.filter((s) => s !== first)] : [...schemes];
}

/**
 * The API origin of a base URL (see `apiOrigin`), or undefined when it is no http(s) URL or carries a query or
 * fragment.
 */
function readBaseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const origin = apiOrigin(value);
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Core's own settings: the rest is the provider's. */
const CORE_SETTINGS = ['apiKey', 'baseUrl', 'authScheme', 'headers', 'transport'];

/** The provider's own settings, parsed by its schema (INVALID_REQUEST naming the setting otherwise). */
function readSettings<Extra>(def: ProviderDefinition<string, unknown, Extra>, settings: object): Extra {
  if (!def.settings) return {} as Extra;
  const own = Object.fromEntries(Object.entries(settings).filter(([key]) => !CORE_SETTINGS.includes(key)));
  const checked = checkSchema(def.settings, own);
  if (checked.ok) return checked.value;
  const field = checked.path || 'settings';
  throw new ImageGateError('INVALID_REQUEST', `"${field}": ${checked.message} (${def.name} settings).`, {
    field,
    provider: def.id,
    retryable: false,
  });
}
