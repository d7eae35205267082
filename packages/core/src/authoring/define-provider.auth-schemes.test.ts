/**
 * When a vendor's pages disagree on how the key is written (bare or
 * `Bearer`), the default is safe: a 401 (never billed) to one form is
 * answered by one try of the other, which is then kept for that key; an
 * explicit `authScheme` sends exactly what it says. nock answers at the HTTP layer.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { generateImage } from '../index.js';
import { defineProvider, type ModelSpec } from '../provider.js';

const BASE = 'https://api.forms.test';
const png = encodePng(8, 8);
const MODELS: ModelSpec[] = [
  {
    id: 'f-1',
    name: 'Forms 1',
    operations: ['generate'],
    sizes: { kind: 'pixels', presets: ['64x64'] },
    maxImagesPerCall: 1,
    maxImages: 1,
    options: {},
    async: false,
    output: { delivery: 'bytes' },
  },
];
const forms = defineProvider({
  id: 'forms',
  name: 'Forms',
  docsUrl: 'https://docs.forms.test',
  models: MODELS,
  // As documented: the bare key first; the vendor's other pages say Bearer.
  credentials: { baseUrl: BASE, auth: { schemes: ['bare', 'bearer'] } },
  keyCheck: { method: 'GET', path: '/v1/models' },
  async submit(request, ctx) {
    const answer = await ctx.http.json(
      ctx,
      { method: 'POST', url: '/v1/images', json: { prompt: request.prompt }, kind: 'billable', model: request.model },
      { schema: z.object({ image: z.instanceof(Uint8Array) }), binaryFields: ['image'] },
    );
    return { type: 'images', images: [{ data: answer.image }] };
  },
});

/** A gateway that takes only `Bearer <key>`: records the Authorization header of every request. */
function bearerOnlyGateway(key: string, path: string, method: 'get' | 'post' = 'post', times = 10) {
  const seen: string[] = [];
  nock(BASE)
    [method](path)
    .times(times)
    .reply(function () {
      const auth = String(this.req.headers.authorization);
      seen.push(auth.startsWith('Bearer ') ? 'bearer' : 'bare');
      return auth === `Bearer ${key}`
        ? [200, { image: toBase64(png), data: [] }]
        : [401, { error: { message: 'Invalid token', type: '401' } }];
    });
  return seen;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('the way of writing the key, where the pages disagree', () => {
  it(
    'by default a 401 to the bare key is answered by one try with Bearer, ' +
      'which is kept for that key (one submit paid)',
    async () => {
      const key = 'sk-forms-default-0000000001';
      const seen = bearerOnlyGateway(key, '/v1/images');
      const first = await generateImage({ provider: forms.create({ apiKey: key }), model: 'f-1', prompt: 'a cat' });
      expect(first.images).toHaveLength(1);
      expect(seen).toEqual(['bare', 'bearer']);
      // The same provider, and a new one for the same key, start with Bearer.
      await generateImage({ provider: forms.create({ apiKey: key }), model: 'f-1', prompt: 'a cat' });
      expect(seen).toEqual(['bare', 'bearer', 'bearer']);
      // Another key starts with the documented form again.
      nock.cleanAll();
      const other = bearerOnlyGateway('sk-forms-other-000000000002', '/v1/images');
      await generateImage({
        provider: forms.create({ apiKey: 'sk-forms-other-000000000002' }),
        model: 'f-1',
        prompt: 'a cat',
      });
      expect(other).toEqual(['bare', 'bearer']);
    },
  );

  it('an explicit authScheme sends exactly what it says: no second form', async () => {
    const key = 'sk-forms-explicit-000000003';
    const seen = bearerOnlyGateway(key, '/v1/images');
    const error = await failure(
      generateImage({ provider: forms.create({ apiKey: key, authScheme: 'bare' }), model: 'f-1', prompt: 'a cat' }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
    expect(seen).toEqual(['bare']);
  });

  it('a key refused in both forms is AUTHENTICATION after two requests, never more', async () => {
    const seen = bearerOnlyGateway('sk-forms-someone-else-0004', '/v1/images');
    const error = await failure(
      generateImage({ provider: forms.create({ apiKey: 'sk-forms-wrong-0000000005' }), model: 'f-1', prompt: 'a cat' }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401, retryable: false });
    expect(seen).toEqual(['bare', 'bearer']);
  });

  it('checkKey sends the key check the same way and says which form worked', async () => {
    const key = 'sk-forms-check-00000000006';
    const seen = bearerOnlyGateway(key, '/v1/models', 'get');
    expect(await forms.checkKey({ apiKey: key })).toEqual({ authScheme: 'bearer' });
    expect(seen).toEqual(['bare', 'bearer']);
    nock.cleanAll();
    const refused = bearerOnlyGateway(key, '/v1/models', 'get');
    expect(await failure(forms.checkKey({ apiKey: key, authScheme: 'bare' }))).toMatchObject({
      code: 'AUTHENTICATION',
    });
    expect(refused).toEqual(['bare']);
  });

  it("a host's own Authorization header is sent as it is, with no second form", async () => {
    const seen = bearerOnlyGateway('sk-forms-proxy-000000000007', '/v1/images');
    await failure(
      generateImage({
        provider: forms.create({
          apiKey: 'sk-forms-proxy-000000000007',
          headers: { Authorization: 'Token proxy-secret-value' },
        }),
        model: 'f-1',
        prompt: 'a cat',
      }),
    );
    expect(seen).toEqual(['bare']);
  });
});
