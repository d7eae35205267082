import { submitImage } from '@imagegate/core';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { expectNoKey, failure, provider, useNock } from './helpers.js';
import { BASE, GENERATIONS, KEY, toApisError } from './vendor-answers.js';

useNock();

const MODEL = 'gemini-2.5-flash-image-preview';
const submit = () => submitImage({ provider: provider(), model: MODEL, prompt: 'a cat', maxRetries: 0 });

describe('error mapping (HTTP answers to the submit)', () => {
  const cases: Array<[number, unknown, string, boolean]> = [
    [400, toApisError('invalid_request', 'size must be an aspect ratio'), 'INVALID_REQUEST', false],
    [400, toApisError('invalid_request', 'Your prompt violates our content policy'), 'CONTENT_POLICY', false],
    [401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error'), 'AUTHENTICATION', false],
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
      nock(BASE).post(GENERATIONS).reply(status, body as object);
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
    expect(error.message).toBe('toapis answered HTTP 402 (INSUFFICIENT_QUOTA): Insufficient balance. Top up the account balance or raise the quota.');
  });

  it('prefers the vendor word over a numeric code as vendorCode', async () => {
    nock(BASE).post(GENERATIONS).reply(401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error'));
    const error = await failure(submit());
    expect(error).toMatchObject({ code: 'AUTHENTICATION', vendorCode: 'authentication_error', vendorMessage: 'Authentication failed, please check your API key' });
  });

  it('429 carries Retry-After as retryAfterMs when it is too long to wait for', async () => {
    nock(BASE).post(GENERATIONS).reply(429, toApisError('rate_limit_exceeded', 'Rate limit exceeded'), { 'Retry-After': '120' });
    const error = await failure(submitImage({ provider: provider(), model: MODEL, prompt: 'a cat' }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 120_000, retryable: true });
  });

  it('an HTML error page keeps its status code and shows its title, not markup', async () => {
    nock(BASE).post(GENERATIONS).reply(502, '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>', { 'content-type': 'text/html' });
    const error = await failure(submit());
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 502, vendorMessage: 'an HTML page "502 Bad Gateway"' });
    expect(error.message).not.toContain('<');
  });

  it('a truncated 200 body is BAD_RESPONSE', async () => {
    nock(BASE).post(GENERATIONS).reply(200, '{"id":"task_img_abc', { 'content-type': 'application/json' });
    const error = await failure(submit());
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('a vendor message that echoes the key is redacted', async () => {
    nock(BASE).post(GENERATIONS).reply(400, toApisError('invalid_request', `bad key ${KEY}`));
    const error = await failure(submit());
    expect(error.vendorMessage).toBe('bad key [REDACTED]');
    expectNoKey(error);
    expectNoKey(error.toJSON());
  });
});
