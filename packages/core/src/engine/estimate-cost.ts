import type { Cost } from '../spec/price.js';
import { checkRunOptions } from './check-run-options.js';
import { estimatePrepared } from './cost.js';
import type { GenerateImageOptions } from './options.js';
import { prepareRequest } from './prepare-request.js';

/**
 * What `generateImage` with these options would cost, sending nothing: the
 * request is validated as for the call itself, and priced for every image
 * it asks for (`n`, over all the calls it fans out into) by the caller's
 * `prices` or the model's manifest price. Undefined when the price is not
 * known beforehand: none published, per token (counted only as the vendor
 * works), or none listed for the request's tier, size or quality.
 *
 * @example
 * estimateCost({ provider, model: 'gemini-3-pro-image-preview', prompt: 'a cat', resolution: '4K', n: 2 });
 * // { amount: 0.288, currency: 'USD', basis: 'price-table', asOf: '2026-09-25', source: 'https://…' }
 */
export function estimateCost(options: GenerateImageOptions): Cost | undefined {
  checkRunOptions(options, 'estimateCost');
  return estimatePrepared(options, prepareRequest(options));
}
