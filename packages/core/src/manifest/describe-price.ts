import type { Price } from '../spec/price.js';

/**
 * A price in a few words, for model lists and READMEs: `$0.04 per image`,
 * `$0.0804 per image at 1K, $0.144 at 4K`, `$6.40 in / $24.00 out per 1M tokens`.
 */
export function describePrice(price: Price): string {
  const money = (amount: number) => formatMoney(amount, price.currency);
  if (price.per === 'million-tokens') return `${money(price.input)} in / ${money(price.output)} out per 1M tokens`;
  if (!('by' in price)) return `${money(price.amount)} per image`;
  const entries = Object.entries(price.amounts);
  const each = entries.map(([key, amount], i) => `${money(amount)}${i === 0 ? ' per image' : ''} at ${key}`);
  return each.join(', ');
}

/** `$0.04` for US dollars (at least two decimals, as vendors write them), `0.04 EUR` otherwise. */
export function formatMoney(amount: number, currency: string): string {
  const digits = Math.max(2, (String(amount).split('.')[1] ?? '').length);
  const figure = amount.toFixed(Math.min(digits, 9));
  return currency === 'USD' ? `$${figure}` : `${figure} ${currency}`;
}
