import { defaultTransport } from '#platform/fetch-transport';
import { ImageGateError } from '../errors/image-gate-error.js';
import { mapHttpError, type ErrorMapper } from '../errors/http-error-mapping.js';
import { interruptedError, NOT_RESUBMITTED } from '../errors/interrupted.js';
import { containsSecret, CREDENTIAL_HEADER, registerCredentialHeaders, scrubText } from '../errors/redact.js';
import { isAbortError } from '../spec/abort.js';
import type { ProviderCallContext } from '../spec/call-context.js';
import { describeKeyHosts, hostOf, mayCarryKey } from '../spec/key-hosts.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readBody } from '../spec/read-body.js';
import type { Schema } from '../spec/schema.js';
import {
  IncompleteBodyError,
  ResponseTooLargeError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../spec/transport.js';
import { JsonBodyError, parseJsonBody, type ParseJsonOptions } from './json-body.js';
import { readJsonStream } from './json-stream.js';
import { readAnswer } from './read-answer.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  parseRetryAfter,
  retryDelay,
  type BackoffOptions,
  type RequestKind,
} from './retry-policy.js';
import { hasDotSegment, MAX_REDIRECTS, nextHop, sameOrigin, type Hop } from './redirects.js';

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Provider id, for error messages. */
  provider: string;
  /** Prefix for relative paths. */
  baseUrl: string;
  /** Headers on every request (credentials here are registered for redaction). */
  headers?: Record<string, string>;
  transport?: HttpTransport;
  /** Vendor error mapping; defaults to {@link mapHttpError}. */
  mapError?: ErrorMapper;
  /**
   * Ways of writing one credential header when the vendor's pages disagree
   * on it (the bare key or `Bearer <key>`): the first is sent; a 401 (never
   * billed, so safe on any request) is answered by one try of each other
   * form, and the first form accepted is kept for the client's later
   * requests (`onAccepted` is told its index).
   */
  credentialForms?: { header: string; values: readonly string[]; onAccepted?: (index: number) => void };
  /** Per-request time limit. Default 5 minutes (image generation is slow). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /**
   * Hosts the key may go to besides `baseUrl`'s origin (patterns, see `keyHostPatternProblem`). A request that is not
   * `anonymous` to any other host is refused before it is sent; a redirect there is refused (API calls) or followed
   * without the credentials (`redirects: 'any'`).
   */
  keyHosts?: readonly string[];
  /** The vendor's own credential header names (say `x-key`), kept off other hosts like the well-known ones. */
  credentialHeaders?: readonly string[];
}

/** How {@link HttpClient.json} reads an answer. */
export interface JsonOptions<T> extends ParseJsonOptions {
  /** The answer's zod schema (binary fields are `Uint8Array` by then). */
  schema?: Schema<T>;
  /** What is being read, for errors ("the task poll"). */
  what?: string;
}

/** One call through the client. */
export interface ClientRequest {
  method: HttpRequest['method'];
  /** Absolute URL, or a path under `baseUrl`. */
  url: string;
  /** Serialised as JSON with a JSON content type. */
  json?: unknown;
  /** Raw body (FormData for multipart; its boundary header is set by the transport). */
  body?: HttpRequest['body'];
  headers?: Record<string, string>;
  /** `billable` for calls that create paid work; `idempotent` for reads. */
  kind: RequestKind;
  model?: string;
  taskId?: string;
  maxResponseBytes?: number;
  /** Send without the client's default headers (downloads from CDNs need no key). */
  anonymous?: boolean;
  /** Body chunks as they arrive, for server-sent events (see {@link HttpRequest.onChunk}). */
  onChunk?: (chunk: Uint8Array) => void;
  /**
   * Where redirects may lead. `same-origin` (the default, for API calls): only
   * within the vendor's origin, so the key, the prompt and the answer stay
   * with the vendor. `any`: anywhere (CDN downloads, which are anonymous).
   */
  redirects?: 'same-origin' | 'any';
  /**
   * Hand a 2xx body over unread (see {@link HttpRequest.stream}): the response's
   * `stream` then enforces `maxResponseBytes` and throws ImageGateErrors while it is read.
   */
  stream?: boolean;
  /** Called before each hop, the first included, to refuse a URL (downloads use it to stay off private networks). */
  checkUrl?: (url: URL) => Promise<void>;
  /** Passed to the transport: `deny` connects only to public addresses (see {@link HttpRequest.privateAddresses}). */
  privateAddresses?: 'deny';
}

/** An HTTP client bound to one vendor: retries, error mapping, redaction. */
export interface HttpClient {
  /** Send and return a 2xx response; anything else becomes an ImageGateError. */
  send(ctx: ProviderCallContext, request: ClientRequest): Promise<HttpResponse>;
  /**
   * Send and parse the JSON answer (see {@link parseJsonBody} for
   * `binaryFields`), read with `schema` when given: a body that is not JSON,
   * or not of the schema, is BAD_RESPONSE with the status and the field.
   */
  json<T>(ctx: ProviderCallContext, request: ClientRequest, options?: JsonOptions<T>): Promise<T>;
  /**
   * {@link HttpClient.json} with the status and headers the answer came with,
   * for what a provider finds wrong inside a 2xx body after reading it.
   */
  answer<T>(ctx: ProviderCallContext, request: ClientRequest, options?: JsonOptions<T>): Promise<JsonAnswer<T>>;
}

/** A read JSON answer with its status and headers. */
export interface JsonAnswer<T> {
  value: T;
  status: number;
  headers: Record<string, string>;
}

/**
 * Build the HTTP client a provider uses. Retries live here, not in providers:
 * idempotent calls retry on network errors, 408, 429 and 5xx; billable calls
 * only on 429 and refused connections, where the vendor provably did not take
 * the job, so no image is paid for twice.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseHeaders = options.headers ?? {};
  registerCredentialHeaders(baseHeaders);
  const mapError = options.mapError ?? mapHttpError;
  const base = options.baseUrl.replace(/\/+$/, '');
  const forms = options.credentialForms;
  /** The credential form this client sends: the one the vendor last accepted. */
  let currentForm = 0;

  function absolute(url: string): string {
    return /^https?:\/\//i.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`;
  }
  const keyMayGo = (url: string) => mayCarryKey(url, base, options.keyHosts);
  const ownCredentials = new Set((options.credentialHeaders ?? []).map((name) => name.toLowerCase()));
  const isCredential = (name: string) => CREDENTIAL_HEADER.test(name) || ownCredentials.has(name.toLowerCase());

  async function send(ctx: ProviderCallContext, request: ClientRequest): Promise<HttpResponse> {
    const context = { provider: options.provider, model: request.model, taskId: request.taskId };
    if (!/^https?:\/\//i.test(request.url) && hasDotSegment(request.url)) {
      // A vendor's task id of "." or ".." would make the poll address another endpoint.
      throw new ImageGateError(
        'BAD_RESPONSE',
        `Refused to call ${options.provider} at "${request.url}": ` +
          'a "." or ".." path segment (from a vendor id) would leave the endpoint.',
        {
          ...context,
          retryable: false,
        },
      );
    }
    const url = absolute(request.url);
    if (!request.anonymous && !keyMayGo(url)) {
      throw new ImageGateError(
        'BAD_RESPONSE',
        `Refused to send the ${options.provider} key to ${hostOf(url, 'the vendor')}: it goes only to ` +
          `${describeKeyHosts(base, options.keyHosts)} (the provider's keyHosts).`,
        { ...context, retryable: false },
      );
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(request.anonymous ? {} : baseHeaders),
      // The caller's headers for this call go where the key goes (checked by the engine: none carries a key).
      ...(request.anonymous ? {} : lowerCased(ctx.headers)),
      ...request.headers,
    };
    registerCredentialHeaders(request.headers);
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }
    const first = { method: request.method, url, headers, body };
    // Forms of the key still to try on a 401 (anonymous downloads send none).
    const formsLeft = forms && !request.anonymous ? forms.values.map((_, i) => i).filter((i) => i !== currentForm) : [];
    let form = currentForm;
    if (forms && !request.anonymous) headers[forms.header] = forms.values[form]!;

    for (let attempt = 0; ; attempt++) {
      // Nothing of this attempt is in flight yet (earlier ones were refused), so nothing can be billed.
      if (ctx.signal.aborted) throw interruptedError(ctx.signal, false, context);
      let response: HttpResponse;
      try {
        response = await follow(ctx, request, first, context);
      } catch (error) {
        if (ImageGateError.is(error)) throw error;
        if (ctx.signal.aborted) throw interruptedError(ctx.signal, request.kind === 'billable', context);
        if (attempt < ctx.maxRetries && isRetryableNetworkError(error, request.kind)) {
          await pause(
            ctx,
            attempt,
            undefined,
            `network error ${networkErrorCode(error)}`,
            request,
            url,
            options.backoff,
            context,
          );
          continue;
        }
        throw networkFailure(error, request.kind, url, context);
      }
      if (response.status >= 200 && response.status < 300) {
        if (!request.anonymous) reportResponse(ctx, url, response);
        if (forms && form !== currentForm) {
          currentForm = form;
          forms.onAccepted?.(form);
        }
        return response.stream
          ? { ...response, stream: guardedStream(ctx, response, request, url, context) }
          : response;
      }
      // A transport may stream any status; a non-2xx answer is read whole and mapped.
      if (response.stream)
        response = {
          ...response,
          body: await readBody(response.stream, undefined, request.maxResponseBytes ?? Number.POSITIVE_INFINITY),
          stream: undefined,
        };
      if (response.status === 401 && formsLeft.length > 0) {
        // The key refused as written: the same request once with the next form (a 401 is never billed).
        form = formsLeft.shift()!;
        // A new headers object: what a transport was handed for the last attempt stays as it was sent.
        first.headers = { ...first.headers, [forms!.header]: forms!.values[form]! };
        attempt--;
        continue;
      }

      const retryAfterMs = parseRetryAfter(response.headers, ctx.now());
      const maxRetryAfter = options.backoff?.maxRetryAfterMs ?? 60_000;
      const error = mapError(response, { ...context, retryAfterMs });
      // A status the vendor documents as a refusal before any work (its mapping reads it as a
      // rate limit, e.g. a 503 "limiter unavailable") is retried like a 429, even on a billable submit.
      const refused = error.code === 'RATE_LIMITED';
      const mayRetry =
        attempt < ctx.maxRetries &&
        (refused || isRetryableStatus(response.status, request.kind)) &&
        (retryAfterMs === undefined || retryAfterMs <= maxRetryAfter);
      if (!mayRetry) {
        if (request.kind === 'billable' && response.status >= 500 && !refused) {
          throw error.with({ message: `${error.message} ${NOT_RESUBMITTED}`, retryable: false, maybeBilled: true });
        }
        throw error;
      }
      await pause(ctx, attempt, retryAfterMs, `HTTP ${response.status}`, request, url, options.backoff, context);
    }
  }

  /** One attempt: send, and follow redirects where the request allows them. */
  async function follow(
    ctx: ProviderCallContext,
    request: ClientRequest,
    first: Hop,
    context: ErrorContext,
  ): Promise<HttpResponse> {
    const transport = options.transport ?? defaultTransport();
    let hop = first;
    for (let redirects = 0; ; redirects++) {
      await request.checkUrl?.(new URL(hop.url));
      const response = await transport({
        method: hop.method,
        url: hop.url,
        headers: hop.headers,
        body: hop.body,
        signal: ctx.signal,
        timeoutMs: options.timeoutMs ?? 300_000,
        maxResponseBytes: request.maxResponseBytes,
        onChunk: request.onChunk,
        ...(request.stream ? { stream: true } : {}),
        redirect: 'manual',
        ...(request.privateAddresses ? { privateAddresses: request.privateAddresses } : {}),
      });
      // The key follows a redirect only to a host it may go to; elsewhere it is taken off (or the hop refused).
      const next = nextHop(hop, response, {
        keyMayGo: request.anonymous ? () => false : keyMayGo,
        isCredential,
      });
      if (!next) return response;
      const refused =
        redirects >= MAX_REDIRECTS
          ? `more than ${MAX_REDIRECTS} redirects`
          : (request.redirects ?? 'same-origin') === 'same-origin' &&
              !sameOrigin(next.url, first.url) &&
              (request.anonymous || !keyMayGo(next.url))
            ? `a redirect to another origin (${hostOf(next.url, 'the vendor')})`
            : undefined;
      if (refused) {
        const billed = request.kind === 'billable';
        throw new ImageGateError(
          'BAD_RESPONSE',
          `${options.provider} answered ${hop.method} ${hostOf(hop.url, 'the vendor')} with ${refused}; ` +
            'it was not followed.' +
            `${billed ? ` ${NOT_RESUBMITTED}` : ''}`,
          {
            ...context,
            status: response.status,
            retryable: false,
            maybeBilled: billed || undefined,
          },
        );
      }
      hop = next;
    }
  }

  async function answer<T>(
    ctx: ProviderCallContext,
    request: ClientRequest,
    parse: JsonOptions<T> = {},
  ): Promise<JsonAnswer<T>> {
    const binaryFields = parse.binaryFields ?? [];
    // An answer with base64 images is decoded as it arrives (never held whole, nor its
    // base64 text); a transport that cannot stream fills `body`, parsed as before.
    const streamed = binaryFields.length > 0 && !request.stream && !request.onChunk;
    // One retry budget for the request's own retries and the reads asked again after a cut-off.
    let retriesLeft = ctx.maxRetries;
    const counted: ProviderCallContext = {
      ...ctx,
      onRetry: (event) => {
        retriesLeft--;
        ctx.onRetry?.(event);
      },
    };
    for (let attempt = 0; ; attempt++) {
      const response = await send(
        { ...counted, maxRetries: Math.max(0, retriesLeft) },
        streamed ? { ...request, stream: true } : request,
      );
      if (!response.stream) {
        const value = readJson(response, request, parse, () => parseJsonBody(response.body, parse));
        return { value, status: response.status, headers: response.headers };
      }
      let read: { value: unknown } | { error: unknown };
      try {
        const declared = Number(response.headers['content-length']);
        const contentLength = Number.isFinite(declared) && !response.headers['content-encoding'] ? declared : undefined;
        read = {
          value: await readJsonStream(response.stream, {
            binaryFields,
            contentLength,
            sink: ctx.imageSink,
            ownChunks: response.ownChunks,
          }),
        };
      } catch (error) {
        // The body broke off or was too large (already an ImageGateError, as `send` throws it): a read
        // is asked again as `send` would have; a paid submit never is.
        if (!ImageGateError.is(error)) read = { error };
        else if (!ctx.signal.aborted && retriesLeft > 0 && isRetryableNetworkError(error.cause, request.kind)) {
          const reason = `network error ${networkErrorCode(error.cause) ?? 'IMAGEGATE_BODY_INCOMPLETE'}`;
          await pause(counted, attempt, undefined, reason, request, absolute(request.url), options.backoff, {
            provider: options.provider,
            model: request.model,
            taskId: request.taskId,
          });
          continue;
        } else throw error;
      }
      const value = readJson(response, request, parse, () => {
        if ('error' in read) throw read.error;
        return read.value;
      });
      return { value, status: response.status, headers: response.headers };
    }
  }

  /** Check a 2xx body's JSON (`parsed` reads it); BAD_RESPONSE with the status and the field otherwise. */
  function readJson<T>(
    response: HttpResponse,
    request: ClientRequest,
    parse: JsonOptions<T>,
    parsed: () => unknown,
  ): T {
    const context = {
      provider: options.provider,
      model: request.model,
      taskId: request.taskId,
      status: response.status,
      what: parse.what,
    };
    try {
      let value: unknown;
      try {
        value = parsed();
      } catch (error) {
        throw badResponse(response, error, context);
      }
      return parse.schema ? readAnswer(parse.schema, value, context) : (value as T);
    } catch (error) {
      // The vendor answered a paid submit: the job was taken even if we cannot read the answer.
      if (request.kind !== 'billable' || !ImageGateError.is(error)) throw error;
      throw error.with({ message: `${error.message} ${NOT_RESUBMITTED}`, maybeBilled: true });
    }
  }

  return {
    send: (ctx, request) => send(ctx, request),
    answer,
    json: async (ctx, request, parse) => (await answer(ctx, request, parse)).value,
  };
}

/** A BAD_RESPONSE error for an answer that could not be read. */
export function badResponse(
  response: HttpResponse,
  cause: unknown,
  context: { provider: string; model?: string; taskId?: string },
): ImageGateError {
  const reason = cause instanceof JsonBodyError || cause instanceof Error ? cause.message : String(cause);
  return new ImageGateError(
    'BAD_RESPONSE',
    `${context.provider} answered HTTP ${response.status} with a body that could not be read: ${reason}`,
    {
      ...context,
      status: response.status,
      retryable: false,
      cause,
    },
  );
}

type ErrorContext = { provider: string; model?: string; taskId?: string };

async function pause(
  ctx: ProviderCallContext,
  attempt: number,
  retryAfterMs: number | undefined,
  reason: string,
  request: ClientRequest,
  url: string,
  backoff: BackoffOptions | undefined,
  context: ErrorContext,
): Promise<void> {
  const delayMs = retryDelay(attempt, retryAfterMs, backoff);
  ctx.onRetry?.({ attempt: attempt + 1, delayMs, reason, method: request.method, url: scrubText(url) });
  try {
    await ctx.sleep(delayMs, ctx.signal);
  } catch (error) {
    throw interruptedError(ctx.signal, false, context, error);
  }
}

/**
 * A streamed body as the client hands it on: at most `maxResponseBytes` (100 MiB
 * when the request sets none, as a body read whole), and
 * every failure while it is read (the body breaking off, an abort, too many
 * bytes) an ImageGateError like those of `send` itself.
 */
async function* guardedStream(
  ctx: ProviderCallContext,
  response: HttpResponse,
  request: ClientRequest,
  url: string,
  context: ErrorContext,
): AsyncIterable<Uint8Array> {
  const max = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const declared = Number(response.headers['content-length']);
  if (declared > max) throw networkFailure(new ResponseTooLargeError(max), request.kind, url, context);
  let received = 0;
  try {
    for await (const chunk of response.stream!) {
      received += chunk.byteLength;
      if (received > max) throw new ResponseTooLargeError(max);
      yield chunk;
    }
  } catch (error) {
    if (ImageGateError.is(error)) throw error;
    // The vendor answered: a paid submit was taken, whatever stops its body.
    if (ctx.signal.aborted) throw interruptedError(ctx.signal, request.kind === 'billable', context);
    throw networkFailure(error, request.kind, url, context);
  }
}

function networkFailure(error: unknown, kind: RequestKind, url: string, context: ErrorContext): ImageGateError {
  const host = hostOf(url, 'the vendor');
  if (error instanceof IncompleteBodyError) {
    const billed = kind === 'billable';
    return new ImageGateError(
      billed ? 'BAD_RESPONSE' : 'NETWORK',
      `${host} answered HTTP ${error.status}, but the answer broke off before it was complete.` +
        `${billed ? ` ${NOT_RESUBMITTED}` : ''}`,
      {
        ...context,
        status: error.status,
        retryable: billed ? false : undefined,
        maybeBilled: billed || undefined,
        cause: error,
      },
    );
  }
  const timedOut =
    (error as { name?: string })?.name === 'TimeoutError' || /TIMEOUT/.test(networkErrorCode(error) ?? '');
  // A billable request that may have reached the vendor: never retryable.
  const mayHaveReached = kind === 'billable' && !isRetryableNetworkError(error, 'billable');
  const note = mayHaveReached
    ? ` The request may have reached the vendor. ${NOT_RESUBMITTED} The job may still be running.`
    : '';
  const billing = mayHaveReached ? { retryable: false, maybeBilled: true } : {};
  if (timedOut) {
    return new ImageGateError('TIMEOUT', `No answer from ${host} in time.${note}`, {
      ...context,
      ...billing,
      cause: error,
    });
  }
  if (isAbortError(error))
    return new ImageGateError('ABORTED', 'The operation was aborted.', { ...context, ...billing, cause: error });
  if (networkErrorCode(error) === 'IMAGEGATE_PRIVATE_ADDRESS') {
    return new ImageGateError(
      'BAD_RESPONSE',
      `${host} resolves only to loopback, private or link-local addresses; it was not contacted.`,
      { ...context, retryable: false, cause: error },
    );
  }
  if ((error as { code?: string })?.code === 'IMAGEGATE_RESPONSE_TOO_LARGE') {
    return new ImageGateError(
      'BAD_RESPONSE',
      `${host} sent a body larger than allowed: ${(error as Error).message}${note}`,
      { ...context, ...billing, retryable: false, cause: error },
    );
  }
  const code = networkErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ImageGateError('NETWORK', `Could not reach ${host} (${code ?? message}).${note}`, {
    ...context,
    ...billing,
    cause: error,
  });
}

/** Header names lower-cased, so a caller's `User-Agent` replaces the default rather than going beside it. */
function lowerCased(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** Hand an accepted answer to the caller's observer: its URL scrubbed, no header that holds a key. */
function reportResponse(ctx: ProviderCallContext, url: string, response: HttpResponse): void {
  if (!ctx.onResponse) return;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (!CREDENTIAL_HEADER.test(name) && !containsSecret(value)) headers[name] = value;
  ctx.onResponse({ url: scrubText(url), status: response.status, headers });
}
