/**
 * Reading request bodies as an HTTP interceptor saw them, for request-shape
 * tests of providers (multipart uploads and edits).
 */

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  /** The raw bytes of the part. */
  content: Buffer;
  /** The same bytes as latin1 text (for form fields). */
  text: string;
}

/**
 * A request body as bytes: nock hands binary bodies to matchers and reply
 * functions as hex strings, and JSON bodies as parsed objects.
 */
export function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body !== 'string') return Buffer.from(JSON.stringify(body));
  return /^[0-9a-f]+$/i.test(body) && body.length % 2 === 0 ? Buffer.from(body, 'hex') : Buffer.from(body, 'latin1');
}

/** Split a multipart/form-data body (bytes, or a body as nock hands it) into its parts. */
export function multipartParts(body: unknown): MultipartPart[] {
  const raw = bodyBytes(body);
  const text = raw.toString('latin1');
  const boundary = text.slice(0, text.indexOf('\r\n'));
  const parts: MultipartPart[] = [];
  let at = text.indexOf(boundary);
  for (;;) {
    const start = at + boundary.length + 2; // after the CRLF
    const next = text.indexOf(`\r\n${boundary}`, start);
    if (next < 0) break;
    const part = raw.subarray(start, next);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('latin1');
    const content = part.subarray(split + 4);
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(head)?.[1],
      contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1],
      content,
      text: content.toString('latin1'),
    });
    at = next + 2;
  }
  return parts;
}
