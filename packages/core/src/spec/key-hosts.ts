/**
 * Where a provider's key may go: its API origin (the base URL in use) and the
 * hosts its definition lists besides (`credentials.keyHosts`), such as a
 * vendor's regional hosts that serve the polls its submit points to. Core
 * checks every request that carries the key, and every redirect hop, against
 * this; a CDN or any other host gets requests without it.
 */

/**
 * Why a key host pattern is not one, or undefined when it is: a lower-case
 * host name (`api.eu.acme.example`), or `*.` and a name of at least two labels
 * (`*.acme.example`: any host under it, at any depth, not the name itself).
 */
export function keyHostPatternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'it is not a string';
  const wildcard = pattern.startsWith('*.');
  const name = wildcard ? pattern.slice(2) : pattern;
  if (wildcard && !name.includes('.'))
    return 'a wildcard needs a name of at least two labels under it (*.acme.example, not *.example)';
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]([a-z0-9-]*[a-z0-9])?$/.test(name))
    return 'it must be a lower-case host name such as api.eu.acme.example, or *. and one such as *.acme.example';
  return undefined;
}

/** True when `host` (a URL's lower-case hostname) is one `pattern` names. */
function matches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.')
    ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
    : host === pattern;
}

/**
 * True when a request to `url` may carry the key: the same origin as `baseUrl`,
 * or an https URL on the default port, without user info, on a host that one
 * of `keyHosts` names. A base URL on a loopback host (an emulator on this
 * machine, which stands for all of a vendor's hosts on ports of its own) also
 * lets the key go to other ports of that same host.
 */
export function mayCarryKey(url: string, baseUrl: string | undefined, keyHosts: readonly string[] = []): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  const base = parse(baseUrl);
  if (base && target.origin === base.origin) return true;
  if (base && isLoopback(base.hostname) && target.hostname === base.hostname) return true;
  return (
    target.protocol === 'https:' && target.port === '' && keyHosts.some((pattern) => matches(target.hostname, pattern))
  );
}

function parse(url: string | undefined): URL | undefined {
  try {
    return url === undefined ? undefined : new URL(url);
  } catch {
    return undefined;
  }
}

/** `localhost`, 127.0.0.0/8 or `[::1]`: this machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** A URL's host for a message (never its path or query, which may hold anything); `fallback` for no URL. */
export function hostOf(url: string | undefined, fallback = 'an address that is no URL'): string {
  try {
    return url === undefined ? fallback : new URL(url).host;
  } catch {
    return fallback;
  }
}

/** The hosts the key may go to, for messages: `api.acme.example, *.eu.acme.example`. */
export function describeKeyHosts(baseUrl: string | undefined, keyHosts: readonly string[] = []): string {
  const all = [...(baseUrl === undefined ? [] : [hostOf(baseUrl, '')]), ...keyHosts].filter(Boolean);
  return all.length === 0 ? 'no host' : all.join(', ');
}
