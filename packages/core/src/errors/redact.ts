/**
 * Secret redaction. Providers register their API keys here (and core's HTTP
 * client registers every credential header it sends), so that no error
 * message, stack, cause or JSON built by core can carry a key.
 *
 * The registry lives on a `Symbol.for` slot so that two copies of this package
 * in one process (a bundled n8n node beside an installed provider) share it.
 */

const REGISTRY_KEY = Symbol.for('imagegate.secrets.v1');
const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[REDACTED]';

type Registry = Set<string>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  let set = holder[REGISTRY_KEY];
  if (!set) {
    set = new Set();
    holder[REGISTRY_KEY] = set;
  }
  return set;
}

/**
 * Remember a secret so that {@link redactSecrets} removes it from any text.
 * Values shorter than 6 characters are ignored: they would redact ordinary words.
 */
export function registerSecret(secret: string | undefined | null): void {
  if (typeof secret !== 'string') return;
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return;
  registry().add(trimmed);
  // "Bearer sk-…" and "sk-…" are both registered: the header value and the bare key.
  const bare = trimmed.replace(/^(bearer|basic|token)\s+/i, '');
  if (bare !== trimmed && bare.length >= MIN_SECRET_LENGTH) registry().add(bare);
}

/** Replace every registered secret in `text` with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registry()) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Header names whose values are credentials. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key)$/i;

/** Register the values of credential headers (called for every request core sends). */
export function registerCredentialHeaders(headers: Record<string, string> | undefined): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    if (CREDENTIAL_HEADER.test(name)) registerSecret(value);
  }
}
