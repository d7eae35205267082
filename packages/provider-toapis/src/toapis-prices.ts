import type { Price } from '@imagegate/core/provider';

const GUIDE = 'https://toapis.com';

/** What every ToAPIs price is: the page's figure, not necessarily what an account is billed. */
const LIST_PRICE =
  "ToAPIs' landing-page list price; ToAPIs bills by account pricing, so with a discount set your own `prices`.";

/** The day the undated pages were read: they show no "Updated" date of their own. */
const READ_ON = '2026-12-07';
const UNDATED = `${LIST_PRICE} The page shows no date: asOf is the day it was read.`;

/**
 * ToAPIs' own prices, by model id, as its model-guide pages state them (USD).
 * Models no ToAPIs page prices (or prices with a $0.00 placeholder) are
 * absent: they report no cost unless the caller gives `prices`. Two prices
 * come from the page of the model's alias (`nano-banana-pro`,
 * `nano_banana_2`), which ToAPIs' docs name as that model.
 */
export const TOAPIS_PRICES: Readonly<Record<string, Price>> = {
  'gpt-image-2': {
    per: 'image',
    by: 'resolution',
    amounts: { '1K': 0.015, '2K': 0.02, '4K': 0.025 },
    currency: 'USD',
    source: `${GUIDE}/ja/model-guide/gpt-image-2`,
    asOf: READ_ON,
    note: UNDATED,
  },
  'flux-kontext-max': {
    per: 'image',
    amount: 0.04,
    currency: 'USD',
    source: `${GUIDE}/en/model-guide/flux-kontext-max`,
    asOf: '2026-05-02',
    note: LIST_PRICE,
  },
  // The nano-banana-pro page gives one $0.05 per request and no 4K figure, so 4K has no price.
  'gemini-3-pro-image-preview': {
    per: 'image',
    by: 'resolution',
    amounts: { '1K': 0.05, '2K': 0.05 },
    currency: 'USD',
    source: `${GUIDE}/ko/model-guide/nano-banana-pro`,
    asOf: '2026-05-02',
    note: `${LIST_PRICE} Read from the page of its alias nano-banana-pro, which gives no 4K price.`,
  },
  // The nano_banana_2 page lists no 0.5K price.
  'gemini-3.1-flash-image-preview': {
    per: 'image',
    by: 'resolution',
    amounts: { '1K': 0.025, '2K': 0.03, '4K': 0.04 },
    currency: 'USD',
    source: `${GUIDE}/ru/model-guide/nano_banana_2`,
    asOf: READ_ON,
    note: `${UNDATED} Read from the page of nano_banana_2 (Nano Banana 2), which lists no 0.5K price.`,
  },
};
