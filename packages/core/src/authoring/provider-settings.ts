/**
 * Small pieces every provider factory needs when it reads its settings, kept
 * here so all providers treat base URLs and extra headers the same way.
 */

/**
 * The API origin of a base URL: trimmed, without trailing slashes or a
 * trailing `/v1` (providers append their own `/v1/…` paths, and users often
 * paste the `…/v1` form from OpenAI-style docs).
 */
export function apiOrigin(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * Request headers from a user's extra headers (names lower-cased, so an
 * `Authorization` given by a host replaces the default) over the provider's
 * defaults.
 */
export function headersWithDefaults(
  extra: Record<string, string> | undefined,
  defaults: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] ??= value;
  return headers;
}
