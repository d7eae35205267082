import type { ModelSpec } from '../spec/model-spec.js';
import type { Cost, CostBasis, Price, PriceOverrides } from '../spec/price.js';
import type { Usage } from '../spec/vendor-image.js';

/** The price that applies to a model, and whose it is. */
export interface AppliedPrice {
  price: Price;
  basis: Exclude<CostBasis, 'vendor'>;
}

/** What a price is looked up by: the request's tier, size and quality as made (or asked). */
type Made = Pick<Usage, 'resolution' | 'size' | 'quality'>;

/**
 * The price of a model: the caller's override (by the model's id or any of
 * its aliases) wins over the manifest's; undefined when neither gives one.
 */
export function priceFor(model: ModelSpec, overrides?: PriceOverrides): AppliedPrice | undefined {
  for (const id of [model.id, ...(model.aliases ?? [])]) {
    const price = overrides?.[id];
    if (price) return { price, basis: 'override' };
  }
  return model.price ? { price: model.price, basis: 'price-table' } : undefined;
}

/**
 * The price of one image under a per-image rule, by the tier, size or quality
 * made; undefined for a per-token rule or a value the page gives no price for.
 */
export function imagePrice(price: Price, made: Made): number | undefined {
  if (price.per !== 'image') return undefined;
  if (!('by' in price)) return price.amount;
  const key = made[price.by];
  // Own figures only: a value from workflow data or a vendor (`__proto__`) is not a price.
  const amount = key !== undefined && Object.hasOwn(price.amounts, key) ? price.amounts[key] : undefined;
  return typeof amount === 'number' ? amount : undefined;
}

/** The tier, size and quality a request makes: what it sets, else the model's defaults. */
export function madeBy(model: ModelSpec, request: Made): Made {
  const quality = request.quality ?? model.defaults?.quality;
  return {
    resolution: request.resolution ?? model.resolution?.default,
    size: request.size ?? model.defaultSize,
    quality: quality === undefined ? undefined : String(quality),
  };
}

/**
 * What a finished call cost: the vendor's stated charge where its answer gave
 * one; else `usage` priced by the applicable rule (images made × the price per
 * image, or tokens × the price per million). Undefined when nothing is known:
 * never a guess presented as a figure.
 *
 * @param today - `YYYY-MM-DD`, the `asOf` of a vendor charge or an undated override
 */
export function costOfUsage(
  model: ModelSpec,
  usage: Usage,
  overrides: PriceOverrides | undefined,
  today: string,
): Cost | undefined {
  if (usage.charge) return { ...usage.charge, amount: roundAmount(usage.charge.amount), basis: 'vendor', asOf: today };
  const applied = priceFor(model, overrides);
  if (!applied) return undefined;
  const { price } = applied;
  let amount: number | undefined;
  if (price.per === 'million-tokens') {
    if (usage.inputTokens !== undefined && usage.outputTokens !== undefined)
      amount = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1e6;
  } else {
    const each = imagePrice(price, usage);
    if (each !== undefined && usage.images !== undefined) amount = each * usage.images;
  }
  return amount === undefined ? undefined : costFrom(applied, amount, today);
}

/**
 * What a request for `images` images would cost by the applicable price,
 * before anything is sent; undefined where the price is unknown, per token
 * (the vendor counts tokens only as it works) or not listed for the request's
 * tier, size or quality.
 */
export function estimateOf(
  model: ModelSpec,
  request: Made & { n?: number },
  overrides: PriceOverrides | undefined,
  today: string,
): Cost | undefined {
  const applied = priceFor(model, overrides);
  if (!applied) return undefined;
  const each = imagePrice(applied.price, madeBy(model, request));
  return each === undefined ? undefined : costFrom(applied, each * (request.n ?? 1), today);
}

/** Why a request has no estimate, for an error that says what to do: no price, per token, or none for its tier. */
export function noEstimateReason(model: ModelSpec, request: Made, overrides?: PriceOverrides): string {
  const applied = priceFor(model, overrides);
  if (!applied) return `no price is known for ${model.id}`;
  const { price } = applied;
  if (price.per === 'million-tokens')
    return `${model.id} is priced per token, and the vendor counts tokens only as it makes the image`;
  // A flat price always gives an estimate; only a price by tier, size or quality can miss.
  if (!('by' in price)) return `no price is known for ${model.id}`;
  return `its price lists no ${price.by} "${madeBy(model, request)[price.by] ?? '(unset)'}"`;
}

function costFrom({ price, basis }: AppliedPrice, amount: number, today: string): Cost {
  return {
    amount: roundAmount(amount),
    currency: price.currency,
    basis,
    asOf: price.asOf ?? today,
    ...(price.source ? { source: price.source } : {}),
  };
}

/** Float noise (0.015 × 3, 0.1 + 0.2) off: amounts are kept to a billionth, wherever they are added up. */
export function roundAmount(amount: number): number {
  return Math.round(amount * 1e9) / 1e9;
}
