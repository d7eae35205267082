import { toBase64, useNock } from '@imagegate/testing';
import { NodeOperationError, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { binaryItem, executeFunctions, type ExecuteSetup } from '../../test/execute-functions.js';
import { PricedImageNode } from '../../test/priced-node.js';
import { credentials, GPTPROTO, model, png } from '../../test/run-node.js';

useNock();

const node = new PricedImageNode();
const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, i) => ({ json: { i } }));
const generate = (modelId: string, options: INodeParameters): INodeParameters => ({
  resource: 'image',
  operation: 'generate',
  model: model(modelId),
  prompt: 'a cat',
  options,
});
/** GPTProto's image endpoint, counting the submits it receives (each a little slow, so parallel items overlap). */
const vendor = () => {
  const seen = { submits: 0 };
  nock(GPTPROTO)
    .post('/v1/images/generations')
    .delay(30)
    .reply(200, (_uri, body) => {
      seen.submits++;
      const n = Number((body as { n?: number }).n ?? 1);
      return { data: Array.from({ length: n }, () => ({ b64_json: toBase64(png) })) };
    })
    .persist();
  return seen;
};
const execute = async (setup: Omit<ExecuteSetup, 'credentials'> & { credentials?: ExecuteSetup['credentials'] }) => {
  const fns = executeFunctions(node, { credentials, ...setup });
  return { fns, result: await node.execute.call(fns).catch((e: unknown) => e) };
};

describe('Options → Max Cost per Execution', () => {
  it('without Continue On Fail: fails before sending anything, naming limit, item, estimate and model', async () => {
    // No vendor answers here: any request would fail the test.
    const { result, fns } = await execute({
      items: items(3),
      parameters: generate('gpt-image-2', { maxCost: 0.1, parallel: 3 }),
    });
    expect(result).toBeInstanceOf(NodeOperationError);
    const error = result as NodeOperationError;
    expect(error.message).toBe(
      'Max Cost per Execution is $0.10, but item 2 ' +
        '(gpt-image-2, estimated at $0.04 by the price table of 2026-05-02) ' +
        'would bring the total to $0.12 ($0.08 for the items before it). Nothing was sent for any item.',
    );
    expect(error.description).toBe('Raise Max Cost per Execution, or send fewer items or images.');
    expect(error.context.itemIndex).toBe(2);
    expect(fns.record.requests).toHaveLength(0);
  });

  it('with Continue On Fail: the items within it run (in parallel), the rest are error items, never sent', async () => {
    const seen = vendor();
    const { result } = await execute({
      continueOnFail: true,
      items: items(5),
      // 2 images an item at $0.04: $0.16 fits two items, not a third.
      parameters: generate('gpt-image-2', { maxCost: 0.2, parallel: 5, n: 2, outputMode: 'oneItem' }),
    });
    const [out] = result as INodeExecutionData[][];
    expect(out!.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
    expect(out!.slice(0, 2).map((item) => item.json.cost)).toEqual([
      expect.objectContaining({ amount: 0.08, basis: 'price-table' }),
      expect.objectContaining({ amount: 0.08, basis: 'price-table' }),
    ]);
    const message =
      'Max Cost per Execution is $0.20, but item 2 (gpt-image-2, estimated at $0.08 by the price table of ' +
      '2026-05-02) would bring the total to $0.24 ($0.16 for the items before it). ' +
      'Nothing was sent for item 2 or the items after it.';
    for (const item of out!.slice(2))
      expect(item.json).toMatchObject({
        error: message,
        description: 'Raise Max Cost per Execution, or send fewer items or images.',
        model: 'gpt-image-2',
        code: 'INVALID_REQUEST',
        field: 'maxCost',
      });
    // Each item asks for 2 images, which gpt-image-2 makes in one call.
    expect(seen.submits).toBe(2);
  });

  it("counts in the credential's Prices, and lets through a total exactly at the limit", async () => {
    const seen = vendor();
    const prices = JSON.stringify({ 'gpt-image-2': { per: 'image', amount: 0.012, currency: 'USD' } });
    const { result } = await execute({
      credentials: { ...credentials, imageGateGptProtoApi: { ...credentials.imageGateGptProtoApi, prices } },
      items: items(3),
      parameters: generate('gpt-image-2', { maxCost: 0.036, parallel: 2 }),
    });
    const [out] = result as INodeExecutionData[][];
    expect(out!.map((item) => item.json.cost)).toEqual(
      Array(3).fill(expect.objectContaining({ amount: 0.012, basis: 'override' })),
    );
    expect(seen.submits).toBe(3);
  });

  it('refuses an item with no estimate, saying why and what to do: no price known, or priced per token', async () => {
    const unpricedRun = await execute({ items: items(2), parameters: generate('gpt-image-1.5', { maxCost: 5 }) });
    const unpriced = unpricedRun.result as NodeOperationError;
    expect(unpriced.message).toBe(
      'Max Cost per Execution is 5, but item 0 (gpt-image-1.5) has no cost estimate: ' +
        'no price is known for gpt-image-1.5. Nothing was sent for any item.',
    );
    expect(unpriced.description).toBe(
      'Set Prices for gpt-image-1.5 in the credential, or clear Max Cost per Execution.',
    );
    const perTokenRun = await execute({ items: items(1), parameters: generate('gpt-image-1', { maxCost: 5 }) });
    const perToken = perTokenRun.result as NodeOperationError;
    expect(perToken.message).toContain('gpt-image-1 is priced per token');
    expect([...unpricedRun.fns.record.requests, ...perTokenRun.fns.record.requests]).toHaveLength(0);
  });

  it("prices by the item's Aspect Ratio, and is per execution: another run counts afresh", async () => {
    const seen = vendor();
    const gemini = { ...generate('gemini-2.5-flash-image', { maxCost: 0.06 }), size: '16:9' };
    const first = await execute({ continueOnFail: true, items: items(2), parameters: gemini });
    const [out] = first.result as INodeExecutionData[][];
    expect(out![0]!.json.cost).toMatchObject({ amount: 0.05, basis: 'price-table' });
    expect(out![1]!.json.error).toContain('item 1 (gemini-2.5-flash-image, estimated at $0.05 ');
    // A ratio the price lists no figure for has no estimate.
    const square = await execute({ items: items(1), parameters: { ...gemini, size: '4:3' } });
    expect((square.result as Error).message).toContain('its price lists no size "4:3"');
    await execute({ continueOnFail: true, items: items(1), parameters: gemini });
    expect(seen.submits).toBe(2);
  });

  it("Edit: estimates each item's request with its reference images, sending nothing over the limit", async () => {
    const { fns, result } = await execute({
      items: [binaryItem(png, 'image/png', 'a.png'), binaryItem(png, 'image/png', 'b.png')],
      parameters: { ...generate('gpt-image-2', { maxCost: 0.05 }), operation: 'edit', inputBinaryFields: 'data' },
    });
    expect((result as Error).message).toContain('but item 1 (gpt-image-2, estimated at $0.04 ');
    expect(fns.record.requests).toHaveLength(0);
  });
});
