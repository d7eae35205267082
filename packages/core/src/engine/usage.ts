import { madeBy } from '../manifest/price-of.js';
import { outputPixels } from '../manifest/output-pixels.js';
import type { ImageRequest } from '../spec/image-request.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Usage } from '../spec/vendor-image.js';

const COUNTS = ['inputTokens', 'outputTokens', 'totalTokens', 'images'] as const;
const MADE = ['resolution', 'size', 'pixels', 'quality'] as const;

/**
 * One call's usage in the uniform shape: what the vendor reported (kept as
 * reported where it says), the tier, size and quality the request made, and
 * the images delivered where the vendor gives no count. `request` is absent
 * for a task collected by its handle: then only the vendor's report says.
 */
export function callUsage(
  model: ModelSpec,
  request: Pick<ImageRequest, 'resolution' | 'size' | 'quality'> | undefined,
  reported: Usage | undefined,
  delivered: number,
): Usage {
  const made = request ? madeBy(model, request) : {};
  const pixels = request ? outputPixels(model, request) : undefined;
  const usage: Usage = { ...strip({ ...made, pixels }), ...strip({ ...reported }) };
  usage.images ??= delivered;
  return usage;
}

/**
 * Add up the usage of several vendor calls (a fanned-out `n`); undefined when
 * there is none. A stated charge is kept only when every call stated one in
 * one currency: a part of the charges is not the charge.
 */
export function sumUsage(parts: ReadonlyArray<Usage | undefined>): Usage | undefined {
  const present = parts.filter((part): part is Usage => part !== undefined);
  if (present.length === 0) return undefined;
  const total: Usage = {};
  for (const part of present) {
    for (const key of COUNTS) if (part[key] !== undefined) total[key] = (total[key] ?? 0) + part[key]!;
    for (const key of MADE) total[key] ??= part[key];
  }
  const charges = present.map((part) => part.charge);
  const currency = charges[0]?.currency;
  if (currency !== undefined && charges.every((c) => c?.currency === currency))
    total.charge = { amount: charges.reduce((sum, c) => sum + c!.amount, 0), currency };
  return strip(total);
}

/** The usage without its unset fields, so results read the same whichever provider made them. */
function strip(usage: Usage): Usage {
  for (const key of Object.keys(usage) as Array<keyof Usage>) if (usage[key] === undefined) delete usage[key];
  return usage;
}
