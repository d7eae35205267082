import { ImageGateError } from '../errors/image-gate-error.js';
import { costOfUsage, estimateOf, noEstimateReason } from '../manifest/price-of.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Cost } from '../spec/price.js';
import type { Usage } from '../spec/vendor-image.js';
import type { GenerateImageOptions, RunOptions } from './options.js';
import type { PreparedRequest } from './prepare-request.js';

/** The day of a clock reading, `YYYY-MM-DD` (UTC): a vendor charge's and an undated override's `asOf`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What a finished call cost by the caller's `prices` or the manifest; undefined when nothing is known. */
export function costOf(options: RunOptions, model: ModelSpec, usage: Usage | undefined, now: number): Cost | undefined {
  return usage ? costOfUsage(model, usage, options.prices, dayOf(now)) : undefined;
}

/** The estimate of a prepared request: every image it asks for, over all the calls it fans out into. */
export function estimatePrepared(options: RunOptions, prepared: PreparedRequest): Cost | undefined {
  return estimateOf(prepared.model, prepared.request, options.prices, dayOf(options.now?.() ?? Date.now()));
}

/**
 * `maxCost`: refuse, before any request, a call whose estimate is higher, or
 * that has none (a limit that cannot be checked is not a limit).
 */
export function checkBudget(options: GenerateImageOptions, prepared: PreparedRequest): void {
  const { maxCost } = options;
  if (maxCost === undefined) return;
  const estimate = estimatePrepared(options, prepared);
  const { model, request } = prepared;
  const images = `${request.n ?? 1} image${(request.n ?? 1) === 1 ? '' : 's'} of ${model.id}`;
  let why: string | undefined;
  if (!estimate) {
    const reason = noEstimateReason(model, request, options.prices);
    why = `${images} has no estimate (${reason}); give "prices" or leave "maxCost" unset`;
  } else if (estimate.amount > maxCost)
    why =
      `${images} is estimated at ${estimate.amount} ${estimate.currency} ` +
      `(${estimate.basis === 'override' ? 'your prices' : `price table of ${estimate.asOf}`})`;
  if (why)
    throw new ImageGateError('INVALID_REQUEST', `"maxCost" is ${maxCost}, but ${why}. Nothing was sent.`, {
      field: 'maxCost',
      provider: options.provider.id,
      model: model.id,
      retryable: false,
    });
}
