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
   * Called with each body chunk of a 2xx answer as it arrives (server-sent
   * events). Transports that cannot stream may ignore it; the full body is
   * returned either way.
   */
  onChunk?: (chunk: Uint8Array) => void;
}

/** One HTTP response. Header names are lower-case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * The whole HTTP surface of ImageGate: one function. Hosts plug in their own
 * (n8n's `httpRequest`, a proxy-aware client, an in-memory fake).
 *
 * Contract: resolve for every HTTP status; reject only when no response was
 * received. Rejections should carry a Node-style `code` (`ECONNREFUSED`,
 * `ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT` …) or be an AbortError, so core can
 * tell whether the vendor may have received the request.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Thrown by transports when a body is larger than `maxResponseBytes`. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  readonly code = 'IMAGEGATE_RESPONSE_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`Response body is larger than ${limit} bytes.`);
  }
}
