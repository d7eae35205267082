import { generateImage, ImageGateError } from '@imagegate/core';
import nock from 'nock';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mapGptProtoError } from '../src/gptproto-errors.js';
import {
  BASE,
  CONTENT_BLOCKED,
  gptImageAnswer,
  gptProtoError,
  INSUFFICIENT_BALANCE,
  INVALID_SIGNATURE,
  KEY,
} from './vendor-answers.js';
import { failure, provider, quick, useNock } from './helpers.js';

const PATH = '/v1/images/generations';
useNock();

function call(maxRetries = 0) {
  return generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'x', maxRetries, ...quick() });
}

describe('GPTProto error answers (document 003 codes)', () => {
  const cases: Array<[string, number, object, string, Record<string, string>?]> = [
    ['401 Unauthorized', 401, INVALID_SIGNATURE, 'AUTHENTICATION'],
    [
      '403 without balance wording',
      403,
      gptProtoError(403, 'Your API key does not have permission to access this resource'),
      'PERMISSION',
    ],
    ['403 insufficient balance', 403, INSUFFICIENT_BALANCE, 'INSUFFICIENT_QUOTA'],
    ['403 quota', 403, gptProtoError(403, 'quota exceeded for this key'), 'INSUFFICIENT_QUOTA'],
    [
      '429 Too Many Requests',
      429,
      gptProtoError(429, 'You have exceeded your rate limit'),
      'RATE_LIMITED',
      { 'retry-after': '7' },
    ],
    ['500 Internal server error', 500, gptProtoError(500, 'An internal server error occurred'), 'PROVIDER_ERROR'],
    ['502 with an HTML page', 502, { html: true }, 'PROVIDER_ERROR'],
    [
      '503 content policy (as documented)',
      503,
      gptProtoError(503, 'Content blocked due to safety concerns'),
      'CONTENT_POLICY',
    ],
    ['503 without policy wording', 503, gptProtoError(503, 'Service temporarily unavailable'), 'PROVIDER_ERROR'],
    ['400 content policy (as it arrives)', 400, CONTENT_BLOCKED, 'CONTENT_POLICY'],
    [
      '400 moderation_blocked (OpenAI code)',
      400,
      { error: { message: 'Request blocked.', type: 'image_generation_user_error', code: 'moderation_blocked' } },
      'CONTENT_POLICY',
    ],
    [
      '400 content_filter (gateway code)',
      400,
      { error: { message: 'The output was filtered.', code: 'content_filter' } },
      'CONTENT_POLICY',
    ],
    ['400 other', 400, gptProtoError(400, 'Invalid size: 1000x1000'), 'INVALID_REQUEST'],
  ];
  for (const [title, status, body, code, headers] of cases) {
    it(`${title} is ${code}`, async () => {
      const reply = 'html' in body ? '<html><body>502 Bad Gateway</body></html>' : body;
      // A 401 to the bare key is tried once with `Bearer` (core: GPTProto's pages disagree on the form); refused both
      // ways here.
      const scope = nock(BASE)
        .post(PATH)
        .times(status === 401 ? 2 : 1)
        .reply(status, reply, headers);
      const error = await failure(call());
      expect(scope.isDone()).toBe(true);
      expect(error).toBeInstanceOf(ImageGateError);
      expect(error).toMatchObject({ code, status, provider: 'gptproto', model: 'gpt-image-2' });
      if (!('html' in body)) expect(error.vendorMessage).toBe((body as { error: { message: string } }).error.message);
    });
  }

  it('429 carries Retry-After as retryAfterMs and is retried after that wait', async () => {
    nock(BASE).post(PATH).reply(429, gptProtoError(429, 'slow down'), { 'Retry-After': '3' });
    const error = await failure(call(0));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3000, retryable: true });

    nock(BASE)
      .post(PATH)
      .reply(429, gptProtoError(429, 'slow down'), { 'Retry-After': '2' })
      .post(PATH)
      .reply(200, gptImageAnswer());
    const run = quick();
    const ok = await generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'x', ...run });
    expect(ok.images).toHaveLength(1);
    expect(run.sleeps).toEqual([2000]);
  });

  it('a 500 on the billable submit is not resubmitted and says so', async () => {
    nock(BASE).post(PATH).reply(500, gptProtoError(500, 'An internal server error occurred'));
    const error = await failure(call(2));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
    expect(error.message).toMatch(/not resubmitted/);
  });

  it('never shows the API key, even when the vendor echoes it', async () => {
    nock(BASE)
      .post(PATH)
      .times(2)
      .reply(401, gptProtoError(401, `Invalid signature for key ${KEY}`));
    const error = await failure(call());
    const everything = [
      error.message,
      error.stack,
      error.vendorMessage,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ].join('\n');
    expect(everything).not.toContain(KEY);
    expect(error.vendorMessage).toContain('[REDACTED]');
  });

  it('mapGptProtoError is usable on its own (hosts with their own HTTP)', () => {
    const error = mapGptProtoError(
      { status: 403, headers: {}, body: Buffer.from(JSON.stringify(INSUFFICIENT_BALANCE)) },
      { provider: 'gptproto' },
    );
    expect(error.code).toBe('INSUFFICIENT_QUOTA');
    expect(error.message).toMatch(/HTTP 403.*Insufficient balance/);
  });
});
