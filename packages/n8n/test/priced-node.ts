// The combined node on GPTProto with prices in its manifest, set here (the
// providers' own price tables are theirs to keep): what the kit shows and
// does for a model with a known price, independent of those tables.
import type { ModelSpec } from '@imagegate/core';
import { defineProvider, type Price } from '@imagegate/core/provider';
import { gptProto } from '@imagegate/provider-gptproto';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeImageNode, imageNodeDescription, imageNodeMethods, nodeProvider } from '../src/index.js';
import { ImageGateGptProtoApi } from './image-gate-node.js';

export const PRICE_SOURCE = 'https://gptproto.test/pricing';
/**
 * gpt-image-2 at $0.04 an image, Gemini 2.5 Flash Image by aspect ratio, gpt-image-1 per token; every other model
 * unpriced (the provider's own table is not used).
 */
export const TEST_PRICES: Readonly<Record<string, Price>> = {
  'gpt-image-2': { per: 'image', amount: 0.04, currency: 'USD', source: PRICE_SOURCE, asOf: '2026-05-02' },
  'gemini-2.5-flash-image': {
    per: 'image',
    by: 'size',
    amounts: { '1:1': 0.039, '16:9': 0.05 },
    currency: 'USD',
    source: PRICE_SOURCE,
    asOf: '2026-05-02',
  },
  'gpt-image-1': {
    per: 'million-tokens',
    input: 5,
    output: 40,
    currency: 'USD',
    source: PRICE_SOURCE,
    asOf: '2026-05-02',
  },
};

const pricedGptProto = defineProvider({
  ...gptProto.definition,
  // The provider's own table is left out, so only the prices above count here.
  models: gptProto.definition.models.map(({ price: _table, ...m }): ModelSpec =>
    TEST_PRICES[m.id] ? { ...m, price: TEST_PRICES[m.id] } : m,
  ),
});

export const PRICED_PROVIDERS = [
  nodeProvider(pricedGptProto, { defaultModel: 'gpt-image-2', credential: ImageGateGptProtoApi }),
];

/** One provider, so no Provider parameter: as a vendor's own node package builds it. */
export class PricedImageNode implements INodeType {
  description: INodeTypeDescription = imageNodeDescription({
    name: 'imageGate',
    displayName: 'ImageGate',
    description: 'Images through GPTProto, with prices',
    providers: PRICED_PROVIDERS,
  });

  methods = imageNodeMethods(PRICED_PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PRICED_PROVIDERS);
  }
}
