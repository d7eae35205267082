import { ImageGateError, isAbortError } from '../errors/image-gate-error.js';
import { mapHttpError, type ErrorMapper } from '../errors/http-error-mapping.js';
import { registerCredentialHeaders } from '../errors/redact.js';
import type { ProviderCallContext } from '../provider/image-provider.js';
import { defaultTransport } from './fetch-transport.js';
import { JsonBodyError, parseJsonBody } from './json-body.js';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  networkErrorCode,
  parseRetryAfter,
  retryDelay,
  type BackoffOptions,
  type RequestKind,
} from './retry-policy.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './transport.js';

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
  /** Per-request time limit. Default 5 minutes (image generation is slow). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
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
}

/** An HTTP client bound to one vendor: retries, error mapping, redaction. */
export interface HttpClient {
  /** Send and return a 2xx response; anything else becomes an ImageGateError. */
  send(ctx: ProviderCallContext, request: ClientRequest): Promise<HttpResponse>;
  /** Send and parse the JSON answer (see {@link parseJsonBody} for `binaryFields`). */
  json<T>(ctx: ProviderCallContext, request: ClientRequest, options?: { binaryFields?: readonly string[] }): Promise<T>;
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

  async function send(ctx: ProviderCallContext, request: ClientRequest): Promise<HttpResponse> {
    const url = /^https?:\/\//i.test(request.url) ? request.url : `${base}${request.url.startsWith('/') ? '' : '/'}${request.url}`;
    const headers: Record<string, string> = { accept: 'application/json', ...(request.anonymous ? {} : baseHeaders), ...request.headers };
    registerCredentialHeaders(request.headers);
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }
    const context = { provider: options.provider, model: request.model, taskId: request.taskId };

    for (let attempt = 0; ; attempt++) {
      if (ctx.signal.aborted) throw aborted(ctx.signal, context);
      let response: HttpResponse;
      try {
        response = await (options.transport ?? defaultTransport())({
          method: request.method,
          url,
          headers,
          body,
          signal: ctx.signal,
          timeoutMs: options.timeoutMs ?? 300_000,
          maxResponseBytes: request.maxResponseBytes,
          onChunk: request.onChunk,
        });
      } catch (error) {
        if (ctx.signal.aborted) throw aborted(ctx.signal, context);
        if (attempt < ctx.maxRetries && isRetryableNetworkError(error, request.kind)) {
          await pause(ctx, attempt, undefined, `network error ${networkErrorCode(error)}`, request, url, options.backoff);
          continue;
        }
        throw networkFailure(error, request.kind, url, context);
      }
      if (response.status >= 200 && response.status < 300) return response;

      const retryAfterMs = parseRetryAfter(response.headers, ctx.now());
      const maxRetryAfter = options.backoff?.maxRetryAfterMs ?? 60_000;
      const mayRetry =
        attempt < ctx.maxRetries &&
        isRetryableStatus(response.status, request.kind) &&
        (retryAfterMs === undefined || retryAfterMs <= maxRetryAfter);
      if (!mayRetry) {
        const error = mapError(response, { ...context, retryAfterMs });
        if (request.kind === 'billable' && response.status >= 500) {
          throw withNote(error, 'It was not resubmitted: the vendor may have accepted the job, and a second submit could be billed twice.');
        }
        throw error;
      }
      await pause(ctx, attempt, retryAfterMs, `HTTP ${response.status}`, request, url, options.backoff);
    }
  }

  return {
    send,
    async json<T>(ctx: ProviderCallContext, request: ClientRequest, parse?: { binaryFields?: readonly string[] }): Promise<T> {
      const response = await send(ctx, request);
      try {
        return parseJsonBody<T>(response.body, parse);
      } catch (error) {
        throw badResponse(response, error, { provider: options.provider, model: request.model, taskId: request.taskId });
      }
    },
  };
}

/** A BAD_RESPONSE error for an answer that could not be read. */
export function badResponse(response: HttpResponse, cause: unknown, context: { provider: string; model?: string; taskId?: string }): ImageGateError {
  const reason = cause instanceof JsonBodyError || cause instanceof Error ? cause.message : String(cause);
  return new ImageGateError('BAD_RESPONSE', `${context.provider} answered HTTP ${response.status} with a body that could not be read: ${reason}`, {
    ...context,
    status: response.status,
    retryable: false,
    cause,
  });
}

async function pause(
  ctx: ProviderCallContext,
  attempt: number,
  retryAfterMs: number | undefined,
  reason: string,
  request: ClientRequest,
  url: string,
  backoff: BackoffOptions | undefined,
): Promise<void> {
  const delayMs = retryDelay(attempt, retryAfterMs, backoff);
  ctx.onRetry?.({ attempt: attempt + 1, delayMs, reason, method: request.method, url });
  try {
    await ctx.sleep(delayMs, ctx.signal);
  } catch (error) {
    throw aborted(ctx.signal, { provider: '', model: request.model, taskId: request.taskId }, error);
  }
}

function aborted(signal: AbortSignal, context: { provider: string; model?: string; taskId?: string }, cause: unknown = signal.reason): ImageGateError {
  return new ImageGateError('ABORTED', 'The operation was aborted.', { ...context, provider: context.provider || undefined, cause });
}

function networkFailure(error: unknown, kind: RequestKind, url: string, context: { provider: string; model?: string; taskId?: string }): ImageGateError {
  const host = safeHost(url);
  const timedOut = (error as { name?: string })?.name === 'TimeoutError' || /TIMEOUT/.test(networkErrorCode(error) ?? '');
  const note =
    kind === 'billable' && !isRetryableNetworkError(error, 'billable')
      ? ' The request may have reached the vendor, so it was not resubmitted (a second submit could be billed twice); the job may still be running.'
      : '';
  if (timedOut) {
    return new ImageGateError('TIMEOUT', `No answer from ${host} in time.${note}`, { ...context, cause: error });
  }
  if (isAbortError(error)) return new ImageGateError('ABORTED', 'The operation was aborted.', { ...context, cause: error });
  if ((error as { code?: string })?.code === 'IMAGEGATE_RESPONSE_TOO_LARGE') {
    return new ImageGateError('BAD_RESPONSE', `${host} sent a body larger than allowed: ${(error as Error).message}`, { ...context, retryable: false, cause: error });
  }
  const code = networkErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ImageGateError('NETWORK', `Could not reach ${host} (${code ?? message}).${note}`, { ...context, cause: error });
}

/** The same error with a sentence added; no longer retryable, since retrying could bill twice. */
function withNote(error: ImageGateError, note: string): ImageGateError {
  const { status, provider, model, taskId, retryAfterMs, vendorMessage, vendorCode } = error;
  return new ImageGateError(error.code, `${error.message} ${note}`, {
    retryable: false,
    status,
    provider,
    model,
    taskId,
    retryAfterMs,
    vendorMessage,
    vendorCode,
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the vendor';
  }
}
