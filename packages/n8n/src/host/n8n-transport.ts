import type { HttpTransport } from '@imagegate/core';
import { readBody, ResponseTooLargeError } from '@imagegate/core/provider';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

interface FullResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * An ImageGate transport over n8n's own HTTP helpers, so requests follow the
 * instance's proxy and TLS settings and the credential is applied by n8n
 * (`httpRequestWithAuthentication`). Without a credential type it sends
 * anonymously (result downloads from a CDN). A request that asks for a
 * `stream` gets n8n's response stream itself.
 *
 * n8n writes the credential into every request it authenticates, so only a
 * request that already carries `credentialHeader` gets it: core decides where
 * the key goes (the vendor's origin and its key hosts; never an anonymous
 * request, nor a redirect hop elsewhere, from which core took the header).
 */
export function n8nTransport(
  fns: IExecuteFunctions,
  credentialType?: string,
  credentialHeader = 'authorization',
): HttpTransport {
  return async (request) => {
    const authenticated =
      credentialType !== undefined &&
      Object.keys(request.headers).some((name) => name.toLowerCase() === credentialHeader.toLowerCase());
    const options: IHttpRequestOptions = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: toRequestBody(request.body),
      // A stream, read into one buffer of the declared length as it arrives (core's readBody):
      // n8n's own arraybuffer reading keeps every chunk and then a joined copy, twice a large image.
      encoding: 'stream',
      json: false,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: request.timeoutMs,
      abortSignal: request.signal,
      // Core follows redirects itself, so it can keep API calls on the vendor's origin.
      disableFollowRedirect: request.redirect === 'manual',
    };
    const response = (
      authenticated
        ? await fns.helpers.httpRequestWithAuthentication.call(fns, credentialType, options)
        : await fns.helpers.httpRequest(options)
    ) as FullResponse;
    const headers = lowerCaseHeaders(response.headers);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    if (request.stream && ok && isChunkStream(response.body)) {
      // The response stream's chunks are the socket's (or the decompressor's), handed over once.
      return { status: response.statusCode, headers, body: new Uint8Array(0), stream: response.body, ownChunks: true };
    }
    const declared = Number(headers['content-length']);
    const body = isChunkStream(response.body)
      ? await readBody(
          response.body,
          Number.isFinite(declared) ? declared : undefined,
          request.maxResponseBytes ?? Number.POSITIVE_INFINITY,
        )
      : toBytes(response.body);
    if (request.maxResponseBytes !== undefined && body.byteLength > request.maxResponseBytes)
      throw new ResponseTooLargeError(request.maxResponseBytes);
    return { status: response.statusCode, headers, body };
  };
}

/** A Node stream (what n8n's helper answers with `encoding: 'stream'`): async iterable chunks. */
function isChunkStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function'
  );
}

function toRequestBody(body: string | Uint8Array | FormData | undefined): IHttpRequestOptions['body'] {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return body as IHttpRequestOptions['body'];
}

function toBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body === undefined || body === null) return new Uint8Array(0);
  return new TextEncoder().encode(JSON.stringify(body));
}

function lowerCaseHeaders(headers: FullResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
