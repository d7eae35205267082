/** Keys remembered at most: a host that runs many accounts must not grow this without bound. */
const MAX_REMEMBERED = 256;

/**
 * The way of writing each key that the vendor accepted, learnt from a 401
 * answered by the other form: later providers built for the same key start
 * with it. Keyed by a fingerprint, never by the key itself.
 */
const accepted = new Map<string, string>();

/**
 * A short fingerprint of a provider id and key (FNV-1a, 52 bits): enough to tell keys apart, useless to recover one.
 */
function fingerprint(providerId: string, apiKey: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of `${providerId}\u0000${apiKey}`)
    hash = ((hash ^ BigInt(char.codePointAt(0)!)) * 0x100000001b3n) & 0xfffffffffffffn;
  return hash.toString(36);
}

/** The form the vendor accepted for this key, when one was learnt. */
export function acceptedAuthScheme(providerId: string, apiKey: string): string | undefined {
  return accepted.get(fingerprint(providerId, apiKey));
}

/** Remember the form the vendor accepted for this key. */
export function rememberAuthScheme(providerId: string, apiKey: string, scheme: string): void {
  const id = fingerprint(providerId, apiKey);
  accepted.delete(id);
  accepted.set(id, scheme);
  if (accepted.size > MAX_REMEMBERED) accepted.delete(accepted.keys().next().value!);
}
