/**
 * What an image costs: a model's price rule as its vendor's pricing page
 * states it, and the cost core reports on results and estimates. One place
 * for the shapes; `manifest/price-of.ts` does the arithmetic.
 */
import { readSafely, type FieldProblem } from './field-problem.js';

/**
 * How a model is charged. A figure is per image made unless the rule is per
 * token; a price by tier, size or quality lists only the values the vendor's
 * page names (another value has no known price, so no cost is reported).
 */
export type PriceRule =
  | { per: 'image'; amount: number }
  | { per: 'image'; by: 'resolution' | 'size' | 'quality'; amounts: Readonly<Record<string, number>> }
  | {
      per: 'million-tokens';
      /** Per million input tokens (prompt and reference images together, as the vendor counts them). */
      input: number;
      /** Per million output tokens. */
      output: number;
    };

/** A price rule with its currency and where it was read. */
export type Price = PriceRule & {
  /** ISO 4217 code, e.g. `'USD'`. */
  currency: string;
  /** The vendor page the figures were read from (required in a manifest). */
  source?: string;
  /** The day they were read, `YYYY-MM-DD` (required in a manifest). */
  asOf?: string;
  /** What the page leaves open (a list price, "final billing by account"), for READMEs and UIs. */
  note?: string;
};

/** Where a cost figure comes from, strongest first. */
export type CostBasis = 'vendor' | 'price-table' | 'override';

/** What a call cost, or an estimate of it (see `estimateCost`). */
export interface Cost {
  amount: number;
  currency: string;
  /**
   * `'vendor'`: the vendor's answer stated the charge; `'price-table'`: the
   * model's manifest price; `'override'`: the caller's `prices`.
   */
  basis: CostBasis;
  /** The day the price was read (`YYYY-MM-DD`); for a vendor-stated charge, the day of the answer. */
  asOf: string;
  /** The pricing page the figure rests on, when there is one. */
  source?: string;
}

/** Caller-side prices by model id (or alias), e.g. a reseller's discount; they win over the manifest's. */
export type PriceOverrides = Readonly<Record<string, Price>>;

const AMOUNT = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Why a value is not a {@link Price}, naming the field under `field`; undefined
 * when it is one. Prices come from manifests and from callers (an n8n
 * credential's JSON), so every field is checked before a figure is used.
 */
export function priceProblem(value: unknown, field: string): FieldProblem | undefined {
  return readSafely(field, () => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { field, problem: 'it must be an object such as { "per": "image", "amount": 0.04, "currency": "USD" }' };
    const v = value as Record<string, unknown>;
    if (typeof v.currency !== 'string' || !/^[A-Z]{3}$/.test(v.currency))
      return { field: `${field}.currency`, problem: 'it must be a three-letter currency code such as "USD"' };
    if (v.asOf !== undefined && (typeof v.asOf !== 'string' || !isDay(v.asOf)))
      return { field: `${field}.asOf`, problem: 'it must be a day written YYYY-MM-DD' };
    if (v.source !== undefined && (typeof v.source !== 'string' || !/^https?:\/\/\S+$/i.test(v.source)))
      return { field: `${field}.source`, problem: 'it must be the http(s) URL of the pricing page' };
    if (v.per === 'million-tokens') {
      for (const name of ['input', 'output'] as const)
        if (!AMOUNT(v[name])) return { field: `${field}.${name}`, problem: 'it must be a number, 0 or more' };
      return undefined;
    }
    if (v.per !== 'image') return { field: `${field}.per`, problem: 'it must be "image" or "million-tokens"' };
    if (v.by === undefined)
      return AMOUNT(v.amount) ? undefined : { field: `${field}.amount`, problem: 'it must be a number, 0 or more' };
    if (v.by !== 'resolution' && v.by !== 'size' && v.by !== 'quality')
      return { field: `${field}.by`, problem: 'it must be "resolution", "size" or "quality" when present' };
    const amounts = v.amounts;
    if (typeof amounts !== 'object' || amounts === null || Array.isArray(amounts) || Object.keys(amounts).length === 0)
      return { field: `${field}.amounts`, problem: `it must map each ${v.by} to its price, e.g. { "1K": 0.04 }` };
    for (const [key, amount] of Object.entries(amounts))
      if (!AMOUNT(amount)) return { field: `${field}.amounts.${key}`, problem: 'it must be a number, 0 or more' };
    return undefined;
  });
}

/** A calendar day written `YYYY-MM-DD` that exists. */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
