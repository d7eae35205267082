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

/**
 * `$0.04` for US dollars, `0.04 EUR` otherwise: at least two decimals, as vendors write them, and every one up to a
 * billionth (amounts are kept to that), never an exponent (`1e-7`).
 */
export function formatMoney(amount: number, currency: string): string {
  const [whole, fraction = ''] = amount.toFixed(9).replace(/0+$/, '').split('.');
  const figure = `${whole}.${fraction.padEnd(2, '0')}`;
  return currency === 'USD' ? `$${figure}` : `${figure} ${currency}`;
}
