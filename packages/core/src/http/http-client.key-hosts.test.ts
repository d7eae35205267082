import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { createSimulatedClock } from '@imagegate/testing';
import { createFetchTransport, createHttpClient, type ProviderCallContext } from '../provider.js';

const API = 'https://api.acme.example';
const REGION = 'https://eu.acme.example';
const CDN = 'https://cdn.elsewhere.example';
const KEY = 'acme-key-hosts-secret-7781';

const context = (): ProviderCallContext => {
  const clock = createSimulatedClock();
  return { signal: new AbortController().signal, sleep: clock.sleep, now: clock.now, maxRetries: 0, warn: () => {} };
};
// A vendor whose key goes in a header of its own, and whose polls live on regional hosts.
const client = () =>
  createHttpClient({
    provider: 'acme',
    baseUrl: `${API}/v1`,
    headers: { 'x-key': KEY },
    credentialHeaders: ['x-key'],
    keyHosts: ['*.acme.example'],
    transport: createFetchTransport(),
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('the key goes only to the API origin and the provider keyHosts', () => {
  it('sends the key to a listed regional host', async () => {
    nock(REGION, { reqheaders: { 'x-key': KEY } })
      .get('/v1/predictions/p1')
      .reply(200, { status: 'processing' });
    const answer = await client().json(context(), {
      method: 'GET',
      url: `${REGION}/v1/predictions/p1`,
      kind: 'idempotent',
    });
    expect(answer).toEqual({ status: 'processing' });
  });

  it.each([`${CDN}/p1`, 'http://eu.acme.example/p1', 'https://eu.acme.example.elsewhere.example/p1'])(
    'refuses to send it to %s, before anything is sent',
    async (url) => {
      const seen: string[] = [];
      const error = await failure(
        createHttpClient({
          provider: 'acme',
          baseUrl: API,
          headers: { 'x-key': KEY },
          keyHosts: ['*.acme.example'],
          transport: async (request) => {
            seen.push(request.url);
            throw new Error('not to be sent');
          },
        }).send(context(), { method: 'GET', url, kind: 'idempotent' }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
      expect(error.message).toMatch(
        /Refused to send the acme key to .*: it goes only to api\.acme\.example, \*\.acme\.example/,
      );
      expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
      expect(seen).toEqual([]);
    },
  );

  it('sends an anonymous request anywhere, without the key', async () => {
    nock(CDN, { badheaders: ['x-key'] })
      .get('/r.png')
      .reply(200, 'png');
    const response = await client().send(context(), {
      method: 'GET',
      url: `${CDN}/r.png`,
      kind: 'idempotent',
      anonymous: true,
    });
    expect(response.status).toBe(200);
  });

  it('follows an API redirect to a listed host with the key', async () => {
    nock(API)
      .get('/v1/predictions/p1')
      .reply(307, '', { location: `${REGION}/v1/predictions/p1` });
    nock(REGION, { reqheaders: { 'x-key': KEY } })
      .get('/v1/predictions/p1')
      .reply(200, { status: 'succeeded' });
    expect(await client().json(context(), { method: 'GET', url: '/predictions/p1', kind: 'idempotent' })).toEqual({
      status: 'succeeded',
    });
  });

  it('refuses an API redirect to any other host', async () => {
    nock(API)
      .get('/v1/predictions/p1')
      .reply(302, '', { location: `${CDN}/steal` });
    const error = await failure(
      client().send(context(), { method: 'GET', url: '/predictions/p1', kind: 'idempotent' }),
    );
    expect(error).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(error.message).toMatch(/a redirect to another origin \(cdn\.elsewhere\.example\)/);
  });

  it('follows an open redirect elsewhere without the vendor header of its own', async () => {
    nock(API)
      .get('/v1/result')
      .reply(302, '', { location: `${CDN}/r.png` });
    nock(CDN, { badheaders: ['x-key'] })
      .get('/r.png')
      .reply(200, 'png');
    const response = await client().send(context(), {
      method: 'GET',
      url: '/result',
      kind: 'idempotent',
      redirects: 'any',
    });
    expect(response.status).toBe(200);
  });
});
