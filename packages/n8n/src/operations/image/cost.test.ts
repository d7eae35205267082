import { toBase64, useNock } from '@imagegate/testing';
import { NodeOperationError, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { executeFunctions, type ExecuteSetup } from '../../../test/execute-functions.js';
import { PRICE_SOURCE, PricedImageNode } from '../../../test/priced-node.js';
import {
  CDN,
  credentials,
  GPTPROTO,
  model,
  node,
  png,
  run,
  taskBody,
  TOAPIS,
  toapisImage,
} from '../../../test/run-node.js';

useNock();

const today = () => new Date().toISOString().slice(0, 10);
const generate = (modelId: string, options: INodeParameters = {}): INodeParameters => ({
  provider: 'gptproto',
  resource: 'image',
  operation: 'generate',
  model: model(modelId),
  prompt: 'a cat',
  options,
});
/** The GPTProto credential with these Prices (as the form stores the JSON field: text). */
const withPrices = (prices: unknown) => ({
  ...credentials,
  imageGateGptProtoApi: {
    ...credentials.imageGateGptProtoApi,
    prices: typeof prices === 'string' ? prices : JSON.stringify(prices),
  },
});
/** gpt-image-2 answers every call with `n` images and the tokens it used. */
const answerImages = (count: number) =>
  nock(GPTPROTO)
    .post('/v1/images/generations')
    .reply(200, {
      data: Array.from({ length: count }, () => ({ b64_json: toBase64(png) })),
      usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 },
    });

describe('usage and cost on output items', () => {
  it('a model without a known price: usage, and no cost field (never a made-up figure)', async () => {
    answerImages(1);
    const fns = executeFunctions(new PricedImageNode(), { credentials, parameters: generate('gpt-image-1.5') });
    const [out] = (await new PricedImageNode().execute.call(fns)) as INodeExecutionData[][];
    expect(out![0]!.json).toMatchObject({ usage: { inputTokens: 8, outputTokens: 196, images: 1 } });
    expect(out![0]!.json).not.toHaveProperty('cost');
  });

  it("the model's price table: cost of the request on each of its image items", async () => {
    answerImages(2);
    const fns = executeFunctions(new PricedImageNode(), { credentials, parameters: generate('gpt-image-2', { n: 2 }) });
    const [out] = await new PricedImageNode().execute.call(fns);
    expect(out).toHaveLength(2);
    for (const item of out!)
      expect(item.json).toMatchObject({
        usage: { images: 2 },
        cost: { amount: 0.08, currency: 'USD', basis: 'price-table', asOf: '2026-05-02', source: PRICE_SOURCE },
      });
  });

  it("the credential's Prices win over the price table (basis override, dated the day of the run)", async () => {
    answerImages(1);
    const fns = executeFunctions(new PricedImageNode(), {
      credentials: withPrices({ 'gpt-image-2': { per: 'image', amount: 0.012, currency: 'USD' } }),
      parameters: generate('gpt-image-2'),
    });
    const [out] = await new PricedImageNode().execute.call(fns);
    expect(out![0]!.json.cost).toEqual({ amount: 0.012, currency: 'USD', basis: 'override', asOf: today() });
  });

  it("Task → Wait for Completion: the collected task's usage and cost, by the credential's Prices", async () => {
    const toapis = {
      ...credentials,
      imageGateToApisApi: {
        ...credentials.imageGateToApisApi,
        prices: '{"gemini-2.5-flash-image-preview": {"per": "image", "amount": 0.02, "currency": "USD"}}',
      },
    };
    nock(TOAPIS).post('/v1/images/generations').reply(200, taskBody('task_c', 'queued'));
    const submitted = await run({ credentials: toapis, parameters: { ...toapisImage, waitForCompletion: false } });
    // A task has no cost until it is collected.
    expect(submitted.out[0]!.json).not.toHaveProperty('cost');
    nock(TOAPIS)
      .get('/v1/images/generations/task_c')
      .reply(200, taskBody('task_c', 'completed', { result: { data: [{ url: `${CDN}/task_c.png` }] } }));
    nock(CDN).get('/task_c.png').reply(200, Buffer.from(png));
    const { out } = await run({
      credentials: toapis,
      items: submitted.out,
      parameters: { provider: 'toapis', resource: 'task', operation: 'wait', task: '={{ $json.task }}' },
      itemParameters: [{ task: submitted.out[0]!.json.task }],
    });
    expect(out[0]!.json).toMatchObject({
      taskId: 'task_c',
      usage: { images: 1 },
      cost: { amount: 0.02, currency: 'USD', basis: 'override' },
    });
  });

  it('Task → Check Once: a finished task goes to Done with its usage and cost', async () => {
    const toapis = {
      ...credentials,
      imageGateToApisApi: {
        ...credentials.imageGateToApisApi,
        prices: '{"gemini-2.5-flash-image-preview": {"per": "image", "amount": 0.02, "currency": "USD"}}',
      },
    };
    nock(TOAPIS)
      .get('/v1/images/generations/task_o')
      .reply(200, taskBody('task_o', 'completed', { result: { data: [{ url: `${CDN}/task_o.png` }] } }));
    nock(CDN).get('/task_o.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
    const task = { version: 1, provider: 'toapis', taskId: 'task_o', model: 'gemini-2.5-flash-image-preview' };
    const fns = executeFunctions(node, {
      credentials: toapis,
      parameters: { provider: 'toapis', resource: 'task', operation: 'checkOnce' },
      itemParameters: [{ task: JSON.stringify({ ...task, createdAt: Date.now() }) }],
    });
    const [done] = await node.execute.call(fns);
    expect(done![0]!.json).toMatchObject({
      done: true,
      usage: { images: 1 },
      cost: { amount: 0.02, currency: 'USD', basis: 'override' },
    });
  });
});

describe("the credential's Prices", () => {
  const refused = async (prices: unknown) => {
    const setup: ExecuteSetup = { credentials: withPrices(prices), parameters: generate('gpt-image-2') };
    const fns = executeFunctions(node, setup);
    const error = (await node.execute.call(fns).catch((e: unknown) => e)) as NodeOperationError;
    expect(error).toBeInstanceOf(NodeOperationError);
    // Refused before any request.
    expect(fns.record.requests).toHaveLength(0);
    return error;
  };

  it('refuses JSON that does not parse, naming the field, before any request', async () => {
    const error = await refused('{"gpt-image-2": {"per": "image",');
    expect(error.message).toMatch(/^The GPTProto credential's Prices is not valid JSON \(/);
    expect(error.description).toBe(
      'Correct Prices in the credential, or empty it to use the list prices. Nothing was sent.',
    );
  });

  it('refuses a bad price, naming the field, the model and the sub-field', async () => {
    expect((await refused({ 'gpt-image-2': { per: 'image', amount: -1, currency: 'USD' } })).message).toBe(
      "The GPTProto credential's Prices → gpt-image-2 → amount: it must be a number, 0 or more",
    );
    expect((await refused({ 'gpt-image-2': { per: 'image', amount: 0.01, currency: 'dollars' } })).message).toBe(
      "The GPTProto credential's Prices → gpt-image-2 → currency: " +
        'it must be a three-letter currency code such as "USD"',
    );
    expect((await refused([1])).message).toMatch(/^The GPTProto credential's Prices must be a JSON object/);
  });

  it('empty (or a credential saved before the field existed) means the list prices', async () => {
    answerImages(1);
    const parameters = generate('gpt-image-2');
    const fns = executeFunctions(new PricedImageNode(), { credentials: withPrices(''), parameters });
    const [out] = (await new PricedImageNode().execute.call(fns)) as INodeExecutionData[][];
    expect(out![0]!.json.cost).toMatchObject({ amount: 0.04, basis: 'price-table' });
  });
});
