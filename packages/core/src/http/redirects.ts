import { containsSecret, CREDENTIAL_HEADER } from '../errors/redact.js';
import type { HttpRequest, HttpResponse } from '../spec/transport.js';

/** Redirects followed per request at the most. */
export const MAX_REDIRECTS = 5;

/** One request of a redirect chain. */
export interface Hop {
  method: HttpRequest['method'];
  url: string;
  headers: Record<string, string>;
  body?: HttpRequest['body'];
}

/**
 * True when a relative path has a `.` or `..` segment, written plainly or
 * percent-encoded: URL building would normalise it away, so an id of ".."
 * would address the parent endpoint with the caller's key.
 */
export function hasDotSegment(path: string): boolean {
  const pathOnly = path.split(/[?#]/, 1)[0]!;
  return pathOnly.split('/').some(isDotSegment);
}

/** `.` or `..`, plain or percent-encoded: URL building normalises either away. */
export function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}

/** True when two absolute URLs share scheme, host and port. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Where the key may follow a redirect, and which headers carry it (see {@link nextHop}). */
export interface CredentialPolicy {
  /** True for a URL the key may go to (the API's origin, the provider's key hosts). */
  keyMayGo?: (url: string) => boolean;
  /** True for a header name that carries a credential; the well-known ones otherwise. */
  isCredential?: (name: string) => boolean;
}

/**
 * The request a 3xx answer asks for, or undefined when the answer is final.
 * 301/302/303 turn a POST into a GET without body, as browsers do; 307/308
 * repeat the method and body. Credentials cross origins only to where the
 * key may go: elsewhere every credential header, and every header whose value
 * holds a registered secret, is dropped.
 */
export function nextHop(hop: Hop, response: HttpResponse, policy: CredentialPolicy = {}): Hop | undefined {
  if (![301, 302, 303, 307, 308].includes(response.status)) return undefined;
  const location = response.headers.location;
  if (!location) return undefined;
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const keepMethod = response.status === 307 || response.status === 308 || hop.method === 'GET';
  const headers = { ...hop.headers };
  if (!keepMethod) delete headers['content-type'];
  if (!sameOrigin(url.href, hop.url) && !policy.keyMayGo?.(url.href)) {
    const isCredential = policy.isCredential ?? ((name: string) => CREDENTIAL_HEADER.test(name));
    for (const [name, value] of Object.entries(headers))
      if (isCredential(name) || containsSecret(value)) delete headers[name];
  }
  return keepMethod
    ? { method: hop.method, url: url.href, headers, body: hop.body }
    : { method: 'GET', url: url.href, headers };
}
