import { estimateCost, type Cost, type ImageRequest } from '@imagegate/core';
import {
  formatMoney,
  noEstimateReason,
  resolveModel,
  roundAmount,
  type PriceOverrides,
} from '@imagegate/core/provider';
import type { IExecuteFunctions } from 'n8n-workflow';
import { readMaxCost } from '../fields/options-collection.js';
import { readItemRequest } from '../operations/router.js';
import { LABELS } from '../shared/labels.js';
import type { RunShared } from '../shared/run-shared.js';

/** The first input item Max Cost per Execution stops: it and every item after it are not sent. */
export interface BudgetCut {
  /** The index of the first item not sent. */
  index: number;
  /** Its model, as the request names it. */
  model: string;
  /** Why, without saying what was sent (the caller adds that). */
  reason: string;
  /** What to do, in the panel's words. */
  description: string;
}

/**
 * Options → Max Cost per Execution: estimate every item's request with core's
 * `estimateCost` (the credential's Prices applied), in input order, before
 * any item is sent, and find the first whose estimate would bring the running
 * total above the limit, or that has no estimate (a limit that cannot be
 * checked is not a limit). Done once, up front, so items sent in parallel
 * cannot race past the limit. Undefined when the option is unset or every
 * item fits.
 */
export async function findBudgetCut(fns: IExecuteFunctions, shared: RunShared): Promise<BudgetCut | undefined> {
  const limit = readMaxCost(fns);
  if (limit === undefined) return undefined;
  const count = fns.getInputData().length;
  let total = 0;
  let currency: string | undefined;
  for (let i = 0; i < count; i++) {
    let request: ImageRequest | undefined;
    let estimate: Cost | undefined;
    try {
      request = await readItemRequest(fns, i);
      if (!request) continue;
      estimate = estimateCost({ provider: shared.provider, ...request, prices: shared.run.prices });
    } catch {
      // A request core refuses fails in its own run with this same error, before anything is sent: it costs nothing.
      continue;
    }
    const cut = (reason: string, description: string): BudgetCut => ({
      index: i,
      model: request.model,
      reason: `${LABELS.maxCost} is ${money(limit, currency ?? estimate?.currency)}, but ${reason}`,
      description,
    });
    if (!estimate)
      return cut(
        `item ${i} (${request.model}) has no cost estimate: ${whyNoEstimate(shared, request)}`,
        `Set ${LABELS.prices} for ${request.model} in the credential, or clear ${LABELS.maxCost}.`,
      );
    if (currency !== undefined && estimate.currency !== currency)
      return cut(
        `item ${i} (${request.model}) is priced in ${estimate.currency} and the items before it in ${currency}`,
        `Give all models one currency in the credential's ${LABELS.prices}, or clear ${LABELS.maxCost}.`,
      );
    currency = estimate.currency;
    const after = roundAmount(total + estimate.amount);
    if (after > limit)
      return cut(
        `item ${i} (${request.model}, estimated at ${money(estimate.amount, currency)} by ${basisOf(estimate)}) ` +
          `would bring the total to ${money(after, currency)} (${money(total, currency)} for the items before it)`,
        `Raise ${LABELS.maxCost}, or send fewer items or images.`,
      );
    total = after;
  }
  return undefined;
}

function money(amount: number, currency: string | undefined): string {
  return currency ? formatMoney(amount, currency) : String(amount);
}

/** Whose price an estimate rests on. */
function basisOf(estimate: Cost): string {
  return estimate.basis === 'override' ? `the credential's ${LABELS.prices}` : `the price table of ${estimate.asOf}`;
}

/** Why a request has no estimate (core says it: no price, a price per token, or none for its tier, size or quality). */
function whyNoEstimate(shared: RunShared, request: ImageRequest): string {
  const model = resolveModel(shared.provider, request.model);
  if (!model) return `no price is known for ${request.model}`;
  return noEstimateReason(model, request, shared.run.prices as PriceOverrides | undefined);
}
