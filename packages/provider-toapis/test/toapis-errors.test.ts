import { submitImage, type RetryEvent } from '@imagegate/core';
import { createSimulatedClock } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { expectNoKey, failure, provider, useNock } from './helpers.js';
import { BASE, GENERATIONS, KEY, taskCreated, toApisError } from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const submit = () => submitImage({ provider: provider(), model: MODEL, prompt: 'a cat', maxRetries: 0 });

describe('error mapping (HTTP answers to the submit)', () => {
  const cases: Array<[number, unknown, string, boolean]> = [
    [400, toApisError('invalid_request', 'size must be an aspect ratio'), 'INVALID_REQUEST', false],
    [400, toApisError('invalid_request', 'Your prompt violates our content policy'), 'CONTENT_POLICY', false],
    [
      401,
      toApisError(401, 'Authentication failed, please check your API key', 'authentication_error'),
      'AUTHENTICATION',
      false,
    ],
    [402, toApisError('insufficient_quota', 'Insufficient balance'), 'INSUFFICIENT_QUOTA', false],
    [403, toApisError('insufficient_quota', 'quota exhausted for this key'), 'INSUFFICIENT_QUOTA', false],
    [403, toApisError('forbidden', 'model not enabled for this key'), 'PERMISSION', false],
    [404, toApisError(404, 'Not found', 'not_found_error'), 'INVALID_REQUEST', false],
    [422, toApisError('content_policy_violation', 'Content policy violation'), 'CONTENT_POLICY', false],
    [429, toApisError('rate_limit_exceeded', 'Rate limit exceeded'), 'RATE_LIMITED', true],
    [500, toApisError('internal_error', 'Internal server error'), 'PROVIDER_ERROR', false],
    [503, 'Service Unavailable', 'PROVIDER_ERROR', false],
  ];
  for (const [status, body, code, retryable] of cases) {
    it(`${status} ${JSON.stringify(body).slice(0, 70)} → ${code}`, async () => {
      nock(BASE)
        .post(GENERATIONS)
        .reply(status, body as object);
      const error = await failure(submit());
      expect(error).toMatchObject({ code, status, provider: 'toapis', model: MODEL, retryable });
      expect(error.message).toMatch(new RegExp(`^toapis answered HTTP ${status} \\(${code}\\)`));
      expectNoKey(error);
    });
  }

  it('keeps the vendor message and code on the error', async () => {
    nock(BASE).post(GENERATIONS).reply(402, toApisError('insufficient_quota', 'Insufficient balance'));
    const error = await failure(submit());
    expect(error).toMatchObject({ vendorMessage: 'Insufficient balance', vendorCode: 'insufficient_quota' });
    expect(error.message).toBe(
      'toapis answered HTTP 402 (INSUFFICIENT_QUOTA): Insufficient ' +
        'balance. Top up the account balance or raise the quota.',
    );
  });

  it('prefers the vendor word over a numeric code as vendorCode', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error'));
    const error = await failure(submit());
    expect(error).toMatchObject({
      code: 'AUTHENTICATION',
      vendorCode: 'authentication_error',
      vendorMessage: 'Authentication failed, please check your API key',
    });
  });

  it('429 carries Retry-After as retryAfterMs when it is too long to wait for', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(429, toApisError('rate_limit_exceeded', 'Rate limit exceeded'), { 'Retry-After': '120' });
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 120_000, retryable: true });
  });

  it('an HTML error page keeps its status code and shows its title, not markup', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(
        502,
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
        { 'content-type': 'text/html' },
      );
    const error = await failure(submit());
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      status: 502,
      vendorMessage: 'an HTML page "502 Bad Gateway"',
    });
    expect(error.message).not.toContain('<');
  });

  it('a truncated 200 body is BAD_RESPONSE', async () => {
    nock(BASE).post(GENERATIONS).reply(200, '{"id":"task_img_abc', { 'content-type': 'application/json' });
    const error = await failure(submit());
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('a vendor message that echoes the key is redacted', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(400, toApisError('invalid_request', `bad key ${KEY}`));
    const error = await failure(submit());
    expect(error.vendorMessage).toBe('bad key [REDACTED]');
    expectNoKey(error);
    expectNoKey(error.toJSON());
  });
});

describe('503 rate_limit_unavailable: the submit limiter is down (rate-limits/async-tasks, 2026-08-20)', () => {
  const limiterDown = {
    error: { code: 'rate_limit_unavailable', message: 'The async task submit limiter is temporarily unavailable' },
  };
  const clock = () => createSimulatedClock();

  it('is RATE_LIMITED, retryable, not maybeBilled (no task exists yet)', async () => {
    nock(BASE).post(GENERATIONS).reply(503, limiterDown);
    const error = await failure(submit());
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      status: 503,
      retryable: true,
      vendorCode: 'rate_limit_unavailable',
      vendorMessage: 'The async task submit limiter is temporarily unavailable',
    });
    expect(error.maybeBilled).toBeFalsy();
    expect(error.message).toMatch(/^toapis answered HTTP 503 \(RATE_LIMITED\)/);
  });

  it('a submit answered 503 rate_limit_unavailable, then 200, is retried and makes one task', async () => {
    const bodies: unknown[] = [];
    nock(BASE)
      .post(GENERATIONS, (body) => (bodies.push(body), true))
      .reply(503, limiterDown)
      .post(GENERATIONS, (body) => (bodies.push(body), true))
      .reply(200, taskCreated('task_after_503'));
    const retries: RetryEvent[] = [];
    const { sleep, now } = clock();
    const { tasks } = await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      sleep,
      now,
      onRetry: (e) => retries.push(e),
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ taskId: 'task_after_503', provider: 'toapis' });
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, reason: 'HTTP 503', method: 'POST' });
    // The same body both times: a refusal before any work, not a second job.
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(nock.isDone()).toBe(true);
  });

  it('honours Retry-After on that 503 (the page: "honor Retry-After", then exponential backoff)', async () => {
    nock(BASE)
      .post(GENERATIONS)
      .reply(503, limiterDown, { 'Retry-After': '2' })
      .post(GENERATIONS)
      .reply(200, taskCreated('task_retry_after'));
    const retries: RetryEvent[] = [];
    const { sleep, now } = clock();
    await submitImage({
      provider: provider(),
      model: MODEL,
      prompt: 'a cat',
      sleep,
      now,
      onRetry: (e) => retries.push(e),
    });
    expect(retries.map((r) => r.delayMs)).toEqual([2000]);
  });

  it('when it persists: RATE_LIMITED after the retries, every attempt refused, nothing billed', async () => {
    nock(BASE).post(GENERATIONS).times(3).reply(503, limiterDown);
    const { sleep, now } = clock();
    const error = await failure(
      submitImage({ provider: provider(), model: MODEL, prompt: 'a cat', maxRetries: 2, sleep, now }),
    );
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 503, retryable: true });
    expect(error.maybeBilled).toBeFalsy();
    expect(nock.isDone()).toBe(true);
  });

  it.each([
    ['503 internal_error', toApisError('internal_error', 'Service temporarily unavailable', 'server_error')],
    ['503 without a vendor word', { error: { message: 'upstream unavailable' } }],
    ['500 saying rate_limit_unavailable (the page names a 503 only)', null],
  ] as const)('%s on a submit stays PROVIDER_ERROR, maybeBilled, not retried', async (_title, body) => {
    const status = body === null ? 500 : 503;
    nock(BASE)
      .post(GENERATIONS)
      .reply(status, body ?? limiterDown);
    const second = nock(BASE).post(GENERATIONS).reply(200, taskCreated('task_never'));
    const { sleep, now } = clock();
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat', sleep, now }));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status, retryable: false, maybeBilled: true });
    expect(error.message).toMatch(/not resubmitted/);
    expect(second.isDone()).toBe(false);
    nock.cleanAll();
  });
});
