import type { Price } from '@imagegate/core/provider';

/**
 * The day of GPTProto's published catalogue snapshot the figures below were
 * read from (the vendor's own dataset of its `gptproto.com/model/…` pages).
 */
const AS_OF = '2026-09-25';

const PAGE = 'https://gptproto.com/model';

/** The same words on every price: whose rate it is, and what the page shows beside it. */
const note = (list: string) =>
  `GPTProto's published rate; the same page shows the upstream list price (${list}) beside it.`;

const perImage = (page: string, amount: number, list: string): Price => ({
  per: 'image',
  amount,
  currency: 'USD',
  source: `${PAGE}/${page}`,
  asOf: AS_OF,
  note: note(list),
});

const perToken = (page: string, input: number, output: number, list: string): Price => ({
  per: 'million-tokens',
  input,
  output,
  currency: 'USD',
  source: `${PAGE}/${page}`,
  asOf: AS_OF,
  note: note(list),
});

const byResolution = (page: string, amounts: Record<string, number>, list: string): Price => ({
  per: 'image',
  by: 'resolution',
  amounts,
  currency: 'USD',
  source: `${PAGE}/${page}`,
  asOf: AS_OF,
  note: note(list),
});

/**
 * GPTProto's own prices, by model id, as its model pages state them (USD).
 * Models whose page gives no price (the `-plus`, `-vip` and GPT-4o channels,
 * the retired Gemini preview) are absent: they report no cost unless the
 * caller gives `prices`. The gpt-image pages give one input rate for text
 * and image input alike, so the per-token rule has one too.
 */
export const GPTPROTO_PRICES: Readonly<Record<string, Price>> = {
  'gpt-image-1': perToken('openai/gpt-image-1', 7, 28, '$10 in / $40 out per 1M tokens'),
  'gpt-image-1-mini': perToken('openai/gpt-image-1-mini', 1.75, 5.6, '$2.50 in / $8.00 out per 1M tokens'),
  'gpt-image-1.5': perToken('openai/gpt-image-1.5', 5.6, 22.4, '$8 in / $32 out per 1M tokens'),
  'gpt-image-2': perToken('openai/gpt-image-2', 6.4, 24, '$8 in / $30 out per 1M tokens'),
  'gemini-2.5-flash-image': perImage('google/gemini-2.5-flash-image', 0.0234, '$0.039 per image'),
  'gemini-2.5-flash-image-hd': perImage('google/gemini-2.5-flash-image-hd', 0.03, '$0.05 per image'),
  // Every tier the page lists; the model takes no other.
  'gemini-3-pro-image-preview': byResolution(
    'google/gemini-3-pro-image-preview',
    { '1K': 0.0804, '2K': 0.0804, '4K': 0.144 },
    '$0.134 at 1K and 2K, $0.24 at 4K',
  ),
  'gemini-3.1-flash-image-preview': byResolution(
    'google/gemini-3.1-flash-image-preview',
    { '1K': 0.0402, '2K': 0.0606, '4K': 0.0906 },
    '$0.067 at 1K, $0.101 at 2K, $0.151 at 4K',
  ),
  // One price for every size: the pages list no size tiers.
  'seedream-4-0-250828': perImage('bytedance/seedream-4-0-250828', 0.0255, '$0.03 per image'),
  'seedream-4-5-251128': perImage('bytedance/seedream-4-5-251128', 0.034, '$0.04 per image'),
  'seedream-5-0-260128': perImage('bytedance/seedream-5-0-260128', 0.02975, '$0.035 per image'),
  // The pages price a run; taken as one image, since they do not say what a run of n > 1 costs.
  'flux-kontext-pro': perImage('flux/flux-kontext-pro', 0.032, '$0.04 per image'),
  'flux-kontext-max': perImage('flux/flux-kontext-max', 0.064, '$0.08 per image'),
};
