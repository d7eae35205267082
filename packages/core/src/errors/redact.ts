/**
 * Secret redaction. Providers register their API keys here (and core's HTTP
 * client registers every credential header it sends), so that no error
 * message, stack, cause or JSON built by core can carry a key.
 *
 * The registry lives on a `Symbol.for` slot so that two copies of this package
 * in one process (a bundled n8n node beside an installed provider) share it.
 */
import { registryHolder } from '#platform/secret-registry-holder';

const REGISTRY_KEY = Symbol.for('imagegate.secrets.v1');
const MIN_SECRET_LENGTH = 6;
/**
 * Any run of this many characters of a secret counts as the secret: a vendor
 * that echoes a key back, cut at some length, must not leak most of it.
 */
const SECRET_RUN = 12;
export const REDACTED = '[REDACTED]';

interface Registry {
  secrets: Set<string>;
  /** Every SECRET_RUN-character run of every secret at least that long. */
  runs: Set<string>;
}

function registry(): Registry {
  const holder = registryHolder() as Record<symbol, Registry | Set<string> | undefined>;
  let slot = holder[REGISTRY_KEY];
  // An older copy of this package may have left a plain Set of secrets.
  if (slot instanceof Set) {
    const upgraded: Registry = { secrets: new Set(), runs: new Set() };
    for (const secret of slot) addSecret(upgraded, secret);
    slot = upgraded;
    holder[REGISTRY_KEY] = slot;
  }
  if (!slot) {
    slot = { secrets: new Set(), runs: new Set() };
    holder[REGISTRY_KEY] = slot;
  }
  return slot;
}

function addSecret(registry: Registry, secret: string): void {
  if (registry.secrets.has(secret)) return;
  registry.secrets.add(secret);
  for (let i = 0; i + SECRET_RUN <= secret.length; i++) registry.runs.add(secret.slice(i, i + SECRET_RUN));
}

/**
 * Remember a secret so that {@link redactSecrets} removes it, and any
 * 12-character run of it, from any text. Values shorter than 6 characters are
 * ignored: they would redact ordinary words.
 */
export function registerSecret(secret: string | undefined | null): void {
  if (typeof secret !== 'string') return;
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return;
  const reg = registry();
  addSecret(reg, trimmed);
  // "Bearer sk-…" and "sk-…" are both registered: the header value and the bare key.
  const bare = trimmed.replace(/^(bearer|basic|token)\s+/i, '');
  if (bare !== trimmed && bare.length >= MIN_SECRET_LENGTH) addSecret(reg, bare);
}

/**
 * Replace every registered secret in `text`, and every stretch covered by
 * 12-character runs of one, with `[REDACTED]`.
 */
export function redactSecrets(text: string): string {
  const reg = registry();
  let out = text;
  for (const secret of reg.secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  if (reg.runs.size === 0 || out.length < SECRET_RUN) return out;
  // Mark every position covered by a run of a secret, then cut those stretches.
  let covered: Uint8Array | undefined;
  for (let i = 0; i + SECRET_RUN <= out.length; i++) {
    if (!reg.runs.has(out.slice(i, i + SECRET_RUN))) continue;
    covered ??= new Uint8Array(out.length);
    covered.fill(1, i, i + SECRET_RUN);
  }
  if (!covered) return out;
  let result = '';
  for (let i = 0; i < out.length;) {
    if (!covered[i]) {
      result += out[i++];
      continue;
    }
    while (i < out.length && covered[i]) i++;
    result += REDACTED;
  }
  return result;
}

/** True when `text` holds any registered secret, or any 12-character run of one. */
export function containsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}

/**
 * True when `text` holds `secret` or any 12-character run of it: what counts
 * as a leak (a key cut anywhere still gives most of itself away).
 */
export function leaksSecret(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  for (let i = 0; i + SECRET_RUN <= secret.length; i++) if (text.includes(secret.slice(i, i + SECRET_RUN))) return true;
  return false;
}

/**
 * `scheme://user:pass@host` → `scheme://host`: credentials in URLs never reach
 * a message (a password may hold `@`: everything up to the last one before the
 * path goes). Linear in the text: a scheme is at most 32 characters and starts
 * where no scheme character precedes it, so hostile text cannot make it backtrack.
 */
export function stripUrlCredentials(text: string): string {
  return text.replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#]*@/gi, '$1');
}

/** Everything core does to text before it can reach an error, a log or a result. */
export function scrubText(text: string): string {
  return redactSecrets(stripUrlCredentials(text));
}

/** Header names whose values are credentials. */
export const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key)$/i;

/** True for a well-known credential header name (a vendor's own, such as `x-key`, is its definition's to say). */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** Register the values of credential headers (called for every request core sends). */
export function registerCredentialHeaders(headers: Record<string, string> | undefined): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    if (CREDENTIAL_HEADER.test(name)) registerSecret(value);
  }
}
