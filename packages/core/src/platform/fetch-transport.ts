/**
 * Platform module: the default transport, on undici. Core imports it only as
 * `#platform/fetch-transport`, so a host bundle can put its own in its place
 * (n8n nodes have no undici and no DNS); it imports nothing of core but `spec`.
 */
import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent } from 'undici';
import { isAbortError } from '../spec/abort.js';
import { isPrivateAddress } from '../spec/private-address.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readBody } from '../spec/read-body.js';
import {
  IncompleteBodyError,
  ResponseTooLargeError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../spec/transport.js';

/** Options of the default transport. */
export interface FetchTransportOptions {
  /** Time to establish a connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time until response headers arrive (image generation is slow). Default 5 min. */
  headersTimeoutMs?: number;
  /** Longest silence while reading a body. Default 60 s. */
  bodyTimeoutMs?: number;
  /** Largest body accepted unless the request says otherwise. Default 100 MiB. */
  maxResponseBytes?: number;
  /**
   * Sockets open at once to one origin; further requests queue for a free one.
   * Default 32: a thousand concurrent calls must not open a thousand sockets.
   */
  maxConnectionsPerOrigin?: number;
}

const DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 32;

/**
 * The default transport: Node's global `fetch` with a keep-alive undici Agent
 * as dispatcher. Going through global `fetch` (not undici's own `request`)
 * keeps it visible to HTTP-layer interceptors such as nock.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): HttpTransport {
  const settings = {
    keepAliveTimeout: 10_000,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    headersTimeout: options.headersTimeoutMs ?? 300_000,
    bodyTimeout: options.bodyTimeoutMs ?? 60_000,
    connections: options.maxConnectionsPerOrigin ?? DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
  };
  const agent = new Agent(settings);
  // Requests that must stay off private networks get sockets whose name lookup
  // drops private addresses, so a name cannot be rebound between check and connect.
  let publicAgent: Agent | undefined;
  const defaultMax = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return async function fetchTransport(request: HttpRequest): Promise<HttpResponse> {
    const signals: AbortSignal[] = [];
    if (request.signal) signals.push(request.signal);
    if (request.timeoutMs !== undefined) signals.push(AbortSignal.timeout(request.timeoutMs));
    const init: RequestInit & { dispatcher: Agent } = {
      method: request.method,
      headers: request.headers,
      body: request.body as RequestInit['body'],
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
      dispatcher:
        request.privateAddresses === 'deny'
          ? (publicAgent ??= new Agent({ ...settings, connect: { lookup: publicOnlyLookup } }))
          : agent,
      redirect: request.redirect ?? 'follow',
    };
    const response = await fetch(request.url, init);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const declared = Number(headers['content-length']);
    // A compressed body's declared length is not the decoded length.
    const exactLength = Number.isFinite(declared) && !headers['content-encoding'] ? declared : undefined;
    // Chunks are streamed to the caller only for successful answers (SSE); an
    // error body is read whole and mapped.
    const onChunk = response.ok ? request.onChunk : undefined;
    if (request.stream && response.ok && response.body) {
      return {
        status: response.status,
        headers,
        body: new Uint8Array(0),
        stream: chunksOf(response.body, response.status, request.maxResponseBytes ?? defaultMax),
        // undici hands each chunk over once; nothing reads it after the body's reader.
        ownChunks: true,
      };
    }
    try {
      const body = await readBody(response.body, exactLength, request.maxResponseBytes ?? defaultMax, onChunk);
      return { status: response.status, headers, body };
    } catch (error) {
      if (error instanceof ResponseTooLargeError || isAbortError(error)) throw error;
      throw new IncompleteBodyError(response.status, { cause: error });
    }
  };
}

/**
 * A fetch body's chunks, at most `max` bytes (the transport's cap holds for a
 * streamed body too); a body that breaks off is an {@link IncompleteBodyError}
 * (an abort stays one).
 */
async function* chunksOf(body: ReadableStream<Uint8Array>, status: number, max: number): AsyncIterable<Uint8Array> {
  let received = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > max) throw new ResponseTooLargeError(max);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ResponseTooLargeError || isAbortError(error)) throw error;
    throw new IncompleteBodyError(status, { cause: error });
  }
}

let shared: HttpTransport | undefined;

/** A process-wide default transport, created on first use. */
export function defaultTransport(): HttpTransport {
  shared ??= createFetchTransport();
  return shared;
}

/**
 * A `net.connect` lookup that resolves as usual and drops private addresses,
 * failing with `IMAGEGATE_PRIVATE_ADDRESS` when none is left.
 */
function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const open = addresses.filter((a) => !isPrivateAddress(a.address));
    if (open.length === 0) {
      return callback(
        Object.assign(new Error(`${hostname} resolves only to loopback, private or link-local addresses.`), {
          code: 'IMAGEGATE_PRIVATE_ADDRESS',
        }),
        [],
      );
    }
    if (options.all) callback(null, open);
    else callback(null, open[0]!.address, open[0]!.family);
  });
}
