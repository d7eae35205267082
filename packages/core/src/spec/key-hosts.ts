/**
 * Where a provider's key may go: its API origin (the base URL in use) and the
 * hosts its definition lists besides (`credentials.keyHosts`), such as a
 * vendor's regional hosts that serve the polls its submit points to. Core
 * checks every request that carries the key, and every redirect hop, against
 * this; a CDN or any other host gets requests without it. (An emulator of a
 * vendor with several hosts answers for their names through a transport that
 * routes them to its local servers: `routeHosts` in `@imagegate/testing/fakes`.)
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
  if (wildcard && isSharedSuffix(name))
    return `*.${name} covers hosts anyone can rent (a cloud or hosting domain): name the vendor's own hosts`;
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]([a-z0-9-]*[a-z0-9])?$/.test(name))
    return 'it must be a lower-case host name such as api.eu.acme.example, or *. and one such as *.acme.example';
  return undefined;
}

/**
 * Domains under which anyone can get a host of their own (cloud functions, hosting, storage, country second levels):
 * a wildcard over one would let a forged poll URL on an attacker's host receive the key.
 */
const SHARED_SUFFIXES = new Set([
  'amazonaws.com',
  'cloudfront.net',
  'azurewebsites.net',
  'azureedge.net',
  'blob.core.windows.net',
  'cloudapp.net',
  'appspot.com',
  'run.app',
  'web.app',
  'firebaseapp.com',
  'googleapis.com',
  'googleusercontent.com',
  'github.io',
  'githubusercontent.com',
  'herokuapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'r2.dev',
  'fly.dev',
  'onrender.com',
  'ngrok.io',
  'ngrok-free.app',
  'trycloudflare.com',
  'digitaloceanspaces.com',
  'ondigitalocean.app',
  'aliyuncs.com',
  'myqcloud.com',
]);

function isSharedSuffix(name: string): boolean {
  // co.uk, com.au, ne.jp …: a country's second level is as open as a top-level domain.
  if (/^(co|com|org|net|gov|edu|ac|ne|or|go)\.[a-z]{2}$/.test(name)) return true;
  return [...SHARED_SUFFIXES].some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
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
 * of `keyHosts` names. Nothing else: not another port of the same host, even
 * on this machine (a local gateway's neighbours are other people's services).
 */
export function mayCarryKey(url: string, baseUrl: string | undefined, keyHosts: readonly string[] = []): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  if (baseUrl !== undefined && URL.canParse(baseUrl) && target.origin === new URL(baseUrl).origin) return true;
  return (
    target.protocol === 'https:' && target.port === '' && keyHosts.some((pattern) => matches(target.hostname, pattern))
  );
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
