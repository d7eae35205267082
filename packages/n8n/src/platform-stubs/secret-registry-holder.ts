// Replaces core's `#platform/secret-registry-holder` (globalThis) in n8n node
// bundles (n8n Cloud allows no globals): each bundle keeps its own registry,
// which is all its errors see.
const holder: Record<symbol, unknown> = {};

export function registryHolder(): Record<symbol, unknown> {
  return holder;
}
