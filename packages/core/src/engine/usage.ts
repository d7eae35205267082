import type { Usage } from '../spec/vendor-image.js';

/** Add up usage from several vendor calls; undefined when none reported any. */
export function sumUsage(parts: ReadonlyArray<Usage | undefined>): Usage | undefined {
  let total: Usage | undefined;
  for (const part of parts) {
    if (!part) continue;
    total ??= {};
    for (const key of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
      if (part[key] !== undefined) total[key] = (total[key] ?? 0) + part[key]!;
    }
  }
  return total;
}
