import { generateImage } from '@imagegate/core';
import { checkManifest, createFetchTransport, redactSecrets, type HttpRequest } from '@imagegate/core/provider';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGptProto, GPTPROTO_MODELS } from '../src/index.js';
import { gptProtoProviderOptionsSchema } from '../src/gptproto-options.js';
import { BASE, gptImageAnswer, gptProtoError, KEY } from './vendor-answers.js';
import { useNock } from './helpers.js';

useNock();

describe('createGptProto', () => {
  it('returns a v1 ImageProvider with the manifest, the options schema and no request made', () => {
    const seen: HttpRequest[] = [];
    const transport = async (request: HttpRequest) => {
      seen.push(request);
      return { status: 500, headers: {}, body: new Uint8Array() };
    };
    const provider = createGptProto({ apiKey: KEY, transport });
    expect(provider).toMatchObject({ specificationVersion: 'v1', id: 'gptproto', name: 'GPTProto' });
    expect(provider.models).toBe(GPTPROTO_MODELS);
    expect(provider.providerOptionsSchema).toBe(gptProtoProviderOptionsSchema);
    expect(provider.transport).toBe(transport);
    expect(checkManifest(provider)).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('registers the key for redaction at creation', () => {
    const key = `sk-registered-${Date.now()}`;
    createGptProto({ apiKey: key });
    expect(redactSecrets(`oops ${key}`)).toBe('oops [REDACTED]');
  });

  it('sends every call through the given transport (a host client)', async () => {
    const inner = createFetchTransport();
    const urls: string[] = [];
    nock(BASE).post('/v1/images/generations').reply(200, gptImageAnswer());
    const provider = createGptProto({ apiKey: KEY, transport: (request) => (urls.push(request.url), inner(request)) });
    await generateImage({ provider, model: 'gpt-image-1', prompt: 'x' });
    expect(urls).toEqual(['https://gptproto.com/v1/images/generations']);
  });

  it('lets a caller-supplied Authorization header win (any case), e.g. for a proxy token', async () => {
    nock(BASE, { reqheaders: { authorization: 'Token proxy-123456' } })
      .post('/v1/images/generations')
      .reply(200, gptImageAnswer());
    await generateImage({
      provider: createGptProto({ apiKey: KEY, headers: { Authorization: 'Token proxy-123456' } }),
      model: 'gpt-image-1',
      prompt: 'x',
    });
  });

  it(
    "sends the bare key (every model page's example) and, on a 401, " +
      '`Bearer` once (the authentication page, the SDK), kept for that key',
    async () => {
      const key = `sk-gptproto-bearer-only-${Date.now()}`;
      nock(BASE, { reqheaders: { authorization: key } })
        .post('/v1/images/generations')
        .reply(401, gptProtoError(401, 'Invalid signature'));
      nock(BASE, { reqheaders: { authorization: `Bearer ${key}` } })
        .post('/v1/images/generations')
        .times(2)
        .reply(200, gptImageAnswer());
      expect(
        (await generateImage({ provider: createGptProto({ apiKey: key }), model: 'gpt-image-1', prompt: 'x' })).images,
      ).toHaveLength(1);
      // Learnt for this key: a provider built later starts with Bearer.
      expect(
        (await generateImage({ provider: createGptProto({ apiKey: key }), model: 'gpt-image-1', prompt: 'x' })).images,
      ).toHaveLength(1);
    },
  );

  it('sends exactly the form named by authScheme: one request, AUTHENTICATION on a 401', async () => {
    nock(BASE, { reqheaders: { authorization: KEY } })
      .post('/v1/images/generations')
      .reply(401, gptProtoError(401, 'Invalid signature'));
    const error = await generateImage({
      provider: createGptProto({ apiKey: KEY, authScheme: 'bare' }),
      model: 'gpt-image-1',
      prompt: 'x',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHENTICATION', status: 401 });
  });
});
