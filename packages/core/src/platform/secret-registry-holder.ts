/**
 * Platform module (`#platform/secret-registry-holder`).
 *
 * Where the secret registry lives: on the global object, so every copy of
 * core loaded in one process (an application and a provider that bundles its
 * own) redacts the same keys. n8n community nodes may not touch globals;
 * their bundles swap this module for one that keeps the registry per copy.
 */
export function registryHolder(): Record<symbol, unknown> {
  return globalThis as unknown as Record<symbol, unknown>;
}
