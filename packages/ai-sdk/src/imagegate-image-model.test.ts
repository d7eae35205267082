import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { generateImage } from 'ai';
import { ImageGateError } from '@imagegate/core';
import { sniffImage } from '@imagegate/core/provider';
import { gptProto } from '@imagegate/provider-gptproto';
import { startGptProtoEmulator, type GptProtoEmulator } from '@imagegate/provider-gptproto/testing';
import { encodePng } from '@imagegate/testing/fakes';
import { useNock } from '@imagegate/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imagegate } from './index.js';

// Real HTTP to 127.0.0.1 only: nock refuses every other host.
useNock();

const KEY = 'sk-ai-sdk-test-5b8e1f0c';
let emu: GptProtoEmulator;
beforeAll(async () => {
  emu = await startGptProtoEmulator({ apiKey: KEY, taskDurationMs: 300 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const gateway = (settings: Parameters<typeof imagegate>[1] = {}) =>
  imagegate(gptProto.create({ apiKey: KEY, baseUrl: emu.url }), settings);

/** What the AI SDK's generateImage threw. */
async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** Poll every 50 ms instead of GPTProto's 3-5 s (a caller's timings replace the vendor's). */
const QUICK_POLLS = { poll: { initialDelayMs: 50, intervalMs: 50 } };

const submits = () => emu.requests.filter((r) => r.method === 'POST');

describe('generateImage (ai 7) with an ImageGate image model', () => {
  it('generates through the real AI SDK: images as bytes, usage, response headers and ImageGate metadata', async () => {
    const result = await generateImage({
      model: gateway().imageModel('gpt-image-2'),
      prompt: 'A lighthouse at dawn',
      size: '1536x1024',
      n: 2,
      providerOptions: { imagegate: { quality: 'low', outputFormat: 'png' } },
      headers: { 'x-trace-id': 'trace-42' },
    });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect(image.mediaType).toBe('image/png');
      expect(sniffImage(image.uint8Array)).toMatchObject({ width: 1536, height: 1024 });
    }
    expect(result.warnings).toEqual([]);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe((result.usage.inputTokens ?? 0) + (result.usage.outputTokens ?? 0));
    const [response] = result.responses;
    expect(response!.modelId).toBe('gpt-image-2');
    expect(response!.timestamp).toBeInstanceOf(Date);
    expect(response!.headers?.['content-type']).toMatch(/json/);
    const each = { mimeType: 'image/png', width: 1536, height: 1024, provider: 'gptproto', model: 'gpt-image-2' };
    expect(result.providerMetadata.imagegate).toEqual({ images: [each, each] });
    expect(result.images[0]!.providerMetadata?.imagegate).toEqual(each);
    // One vendor call (gpt-image-2 makes up to 10 per call), with the caller's header and the AI SDK's user agent.
    expect(submits()).toHaveLength(1);
    expect(submits()[0]!.body).toMatchObject({ n: 2, size: '1536x1024', quality: 'low', output_format: 'png' });
    expect(submits()[0]!.headers['x-trace-id']).toBe('trace-42');
    expect(submits()[0]!.headers['user-agent']).toMatch(/ai\/7\./);
    expect(JSON.stringify([result.providerMetadata, result.responses, result.warnings])).not.toContain(KEY);
  });

  it("maps aspectRatio to an aspect-ratio model's size, with its tier from providerOptions.imagegate", async () => {
    const result = await generateImage({
      model: gateway(QUICK_POLLS).imageModel('gemini-3-pro-image-preview'),
      prompt: 'A lighthouse at dawn',
      aspectRatio: '16:9',
      providerOptions: { imagegate: { resolution: '2K' } },
    });
    expect(sniffImage(result.images[0]!.uint8Array)).toMatchObject({ width: 2752, height: 1536 });
    const task = { provider: 'gptproto', model: 'gemini-3-pro-image-preview', taskId: expect.any(String) };
    expect(result.providerMetadata.imagegate!.images[0]).toMatchObject({ resolution: '2K', task });
    expect(result.calls[0]!.providerMetadata?.imagegate).toMatchObject({ resolution: '2K', tasks: [task] });
    expect(submits()).toHaveLength(1);
  });

  it('turns settings the model does not take into AI SDK warnings, as its own providers do', async () => {
    const result = await generateImage({
      model: gateway().imageModel('gpt-image-2'),
      prompt: 'A lighthouse at dawn',
      aspectRatio: '16:9',
      seed: 7,
    });
    expect(result.warnings).toEqual([
      {
        type: 'compatibility',
        feature: 'aspectRatio',
        details: expect.stringContaining('aspectRatio 16:9 is sent as 2048x1152'),
      },
      { type: 'unsupported', feature: 'seed', details: expect.stringContaining('takes no seed') },
    ]);
    expect(submits()[0]!.body).toMatchObject({ size: '2048x1152' });
    expect(submits()[0]!.body).not.toHaveProperty('seed');
  });

  it('edits with a file and a mask: both reach the vendor as the multipart upload ImageGate sends', async () => {
    const photo = encodePng(64, 64, { color: [200, 40, 40] });
    const mask = encodePng(64, 64, { color: [0, 0, 0] });
    const result = await generateImage({
      model: gateway().imageModel('gpt-image-1'),
      prompt: { text: 'Add a red door', images: [photo], mask: Buffer.from(mask).toString('base64') },
      size: '1024x1024',
    });
    expect(result.images).toHaveLength(1);
    const [edit] = submits();
    expect(edit!.path).toBe('/v1/images/edits');
    expect(edit!.body).toMatchObject({
      prompt: 'Add a red door',
      'image[]': { type: 'image/png', size: photo.byteLength },
      mask: { type: 'image/png', size: mask.byteLength },
    });
  });

  it('refuses a request that cannot be made before sending it, naming the argument the caller wrote', async () => {
    const cases = [
      { call: { aspectRatio: '5:1' as const }, model: 'gemini-2.5-flash-image', argument: 'aspectRatio' },
      { call: { size: '999x999' as const }, model: 'gpt-image-1', argument: 'size' },
      {
        call: { providerOptions: { imagegate: { quality: 'ultra' } } },
        model: 'gpt-image-1',
        argument: 'providerOptions.imagegate.quality',
      },
      {
        call: { providerOptions: { imagegate: { stream: 'yes' } } },
        model: 'gpt-image-1',
        argument: 'providerOptions.imagegate.stream',
      },
      // The AI SDK lower-cases header names before the model sees them.
      {
        call: { headers: { Authorization: 'Bearer sk-other' } },
        model: 'gpt-image-1',
        argument: 'headers.authorization',
      },
    ];
    for (const { call, model, argument } of cases) {
      const error = await thrown(generateImage({ model: gateway().imageModel(model), prompt: 'a fox', ...call }));
      expect(InvalidArgumentError.isInstance(error), `${argument}: ${error.message}`).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(error.message).toContain(argument);
      expect(ImageGateError.is(error.cause)).toBe(true);
    }
    const editless = await thrown(
      generateImage({
        model: gateway().imageModel('flux-kontext-pro'),
        prompt: { text: 'a fox', images: [encodePng(8, 8)] },
      }),
    );
    expect((editless as InvalidArgumentError).argument).toBe('files');
    expect(emu.requests).toHaveLength(0);
  });
});

describe("paying once survives the AI SDK's retries (generateImage's defaults: maxRetries 2)", () => {
  it('a 5xx after a billable submit: exactly one submit, not retryable in the AI SDK', async () => {
    emu.script({ status: 500, times: Infinity });
    const error = await thrown(generateImage({ model: gateway().imageModel('gpt-image-1'), prompt: 'a fox' }));
    expect(submits()).toHaveLength(1);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      isRetryable: false,
      statusCode: 500,
      data: { code: 'PROVIDER_ERROR', maybeBilled: true },
    });
  });

  it('an answer cut off mid-body (a reset after the vendor took the job): exactly one submit', async () => {
    emu.script({ truncate: true, times: Infinity });
    const error = await thrown(generateImage({ model: gateway().imageModel('gpt-image-1'), prompt: 'a fox' }));
    expect(submits()).toHaveLength(1);
    expect(error).toMatchObject({ isRetryable: false, data: { maybeBilled: true } });
  });

  it('a timeout while the vendor works: exactly one submit', async () => {
    emu.script({ delayMs: 2000, times: Infinity });
    const error = await thrown(
      generateImage({ model: gateway({ timeoutMs: 300 }).imageModel('gpt-image-1'), prompt: 'a fox' }),
    );
    expect(submits()).toHaveLength(1);
    expect(error).toMatchObject({ isRetryable: false, data: { code: 'TIMEOUT', maybeBilled: true } });
  });

  it('a failure after an asynchronous task was accepted carries the task and is not retried', async () => {
    const error = await thrown(
      generateImage({
        model: gateway(QUICK_POLLS).imageModel('gemini-3-pro-image-preview'),
        prompt: 'a fox [fault:task-fails]',
      }),
    );
    expect(submits()).toHaveLength(1);
    expect(error).toMatchObject({
      isRetryable: false,
      data: { code: 'TASK_FAILED', task: { provider: 'gptproto', model: 'gemini-3-pro-image-preview' } },
    });
  });

  it('a 429 refusal before acceptance may be retried by the AI SDK, once ImageGate spent its retries', async () => {
    emu.script({ status: 429, retryAfter: 0, times: Infinity });
    const error = await thrown(
      generateImage({ model: gateway({ maxRetries: 0 }).imageModel('gpt-image-1'), prompt: 'a fox' }),
    );
    // ImageGate's own retries (0 here) times the AI SDK's three attempts: the refusal was never billed.
    expect(submits()).toHaveLength(3);
    expect(error.name).toBe('AI_RetryError');
    const last = (error as unknown as { lastError: APICallError }).lastError;
    expect(last).toMatchObject({ isRetryable: true, statusCode: 429, data: { code: 'RATE_LIMITED' } });
  });
});
