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

/** A GET of a JSON answer through the client, as a poll sends it. */
const getJson = (url: string) => client().json(context(), { method: 'GET', url, kind: 'idempotent' });

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
    const answer = await getJson(`${REGION}/v1/predictions/p1`);
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

  it.each([
    ['from the API to a listed host', `${API}/v1/predictions/p1`, `${REGION}/v1/predictions/p1`, 307],
    ['from a listed host back to the API', `${REGION}/v1/predictions/p1`, `${API}/v1/predictions/p1`, 302],
  ])('follows a redirect %s with the key', async (_way, from, to, status) => {
    const [origin, path] = [new URL(from).origin, new URL(from).pathname];
    nock(origin).get(path).reply(status, '', { location: to });
    nock(new URL(to).origin, { reqheaders: { 'x-key': KEY } })
      .get(new URL(to).pathname)
      .reply(200, { status: 'succeeded' });
    expect(await getJson(from)).toEqual({ status: 'succeeded' });
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
