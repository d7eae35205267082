/** One HTTP request as core and providers describe it. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** A string (JSON), raw bytes, or multipart FormData. */
  body?: string | Uint8Array | FormData;
  signal?: AbortSignal;
  /** Overall time limit for this request, in milliseconds. */
  timeoutMs?: number;
  /** Largest body to accept; a longer one is an error. */
  maxResponseBytes?: number;
  /**
   * `manual`: answer a 3xx as it is, with its `location` header, so core can
   * decide where a redirect may lead (API calls stay on the vendor's origin,
   * downloads stay off private networks). Core's client always asks for it;
   * a transport that cannot do it should follow redirects itself.
   */
  redirect?: 'follow' | 'manual';
  /**
   * `deny`: connect only to public addresses (result downloads). Core checks
   * every URL first; a transport that can also filter at connect time (the
   * default one does) closes the gap of a name rebound in between.
   */
  privateAddresses?: 'deny';
  /**
   * Called with each body chunk of a 2xx answer as it arrives (server-sent
   * events). Transports that cannot stream may ignore it; the full body is
   * returned either way.
   */
  onChunk?: (chunk: Uint8Array) => void;
  /**
   * Hand a 2xx body over unread, as {@link HttpResponse.stream}, so a large
   * download can go straight to where it is kept (a file, n8n's binary
   * store) without being held whole. Other statuses are read into `body` as
   * usual. A transport that cannot stream may ignore it and fill `body`.
   */
  stream?: boolean;
}

/** One HTTP response. Header names are lower-case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The body; empty when it is handed over as `stream`. */
  body: Uint8Array;
  /**
   * The 2xx body's chunks as they arrive, when the request asked for
   * `stream`; read it once. A body that breaks off throws an
   * {@link IncompleteBodyError} while it is read.
   */
  stream?: AsyncIterable<Uint8Array>;
  /**
   * The chunks of `stream` are fresh buffers no one else reads (a socket's,
   * as they arrive): the reader may write over them. Core then decodes an
   * inline image in place, into the bytes its base64 arrived in. Leave it
   * unset for chunks the transport keeps or shares.
   */
  ownChunks?: boolean;
}

/**
 * The whole HTTP surface of ImageGate: one function. Hosts plug in their own
 * (n8n's `httpRequest`, a proxy-aware client, an in-memory fake).
 *
 * Contract: resolve for every HTTP status; reject only when no whole response
 * was received. Rejections should carry a Node-style `code` (`ECONNREFUSED`,
 * `ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT` …) or be an AbortError, so core can
 * tell whether the vendor may have received the request; a body that broke
 * off after the status arrived is an {@link IncompleteBodyError}.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

// Brands, not prototypes, make `instanceof` work: a CommonJS build bundles the
// default transport (a platform module) apart from the client that checks its errors.
const TOO_LARGE = Symbol.for('imagegate.response-too-large.v1');
const INCOMPLETE = Symbol.for('imagegate.body-incomplete.v1');

function branded(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Thrown by transports when a body is larger than `maxResponseBytes`. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  readonly code = 'IMAGEGATE_RESPONSE_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`Response body is larger than ${limit} bytes.`);
    Object.defineProperty(this, TOO_LARGE, { value: true });
  }

  /** True also for one thrown by another copy of this class. */
  static override [Symbol.hasInstance](value: unknown): value is ResponseTooLargeError {
    return branded(value, TOO_LARGE);
  }
}

/**
 * Thrown by transports when the status and headers arrived but the body broke
 * off (a connection closed before Content-Length bytes, say): the vendor
 * answered, so a billable request was taken and must not be resubmitted.
 */
export class IncompleteBodyError extends Error {
  override readonly name = 'IncompleteBodyError';
  readonly code = 'IMAGEGATE_BODY_INCOMPLETE';
  constructor(
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(`The HTTP ${status} answer broke off before its body was complete.`, options);
    Object.defineProperty(this, INCOMPLETE, { value: true });
  }

  /** True also for one thrown by another copy of this class. */
  static override [Symbol.hasInstance](value: unknown): value is IncompleteBodyError {
    return branded(value, INCOMPLETE);
  }
}
