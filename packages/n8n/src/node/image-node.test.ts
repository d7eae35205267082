import { defineProvider, type ProviderAccount } from '@imagegate/core/provider';
import { toBase64, useNock } from '@imagegate/testing';
import { FAKE_MODELS } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GPTPROTO, model, png, run } from '../../test/run-node.js';
import { nodeProvider } from '../provider/node-provider.js';
import { imageNodeDescription, imageNodeSubtitle } from './image-node.js';

const account = (schemes: Array<'bare' | 'bearer'>, header?: string): ProviderAccount => ({
  id: 'acme',
  name: 'Acme',
  docsUrl: 'https://docs.acme.test',
  credentials: {
    baseUrl: 'https://api.acme.test',
    auth: { schemes, ...(header ? { header } : {}) },
    keyHint: 'ak-…',
  },
  keyCheck: { method: 'GET', path: '/v1/me' },
});
const provider = (id: string) =>
  defineProvider({
    ...account(['bearer']),
    id,
    name: id.toUpperCase(),
    models: FAKE_MODELS,
    async submit() {
      return { type: 'images', images: [] };
    },
    async getTask() {
      return { state: 'running' };
    },
    async cancelTask() {},
  });
class AcmeApi {
  name = 'acmeApi';
}
class OtherApi {
  name = 'otherApi';
}

useNock();

describe('a node from provider definitions', () => {
  it('refuses a default model the provider does not have', () => {
    expect(() => nodeProvider(provider('acme'), { defaultModel: 'no-such-model', credential: AcmeApi })).toThrow(
      /defaultModel "no-such-model" is not one of its models/,
    );
  });

  it(
    'with one provider: the Provider parameter is hidden and fixed, one credential, ' +
      'the subtitle names the model and operation',
    () => {
      const providers = [nodeProvider(provider('acme'), { defaultModel: 'fake-async', credential: AcmeApi })];
      const description = imageNodeDescription({
        name: 'acmeImage',
        displayName: 'Acme Image',
        description: 'Images through Acme',
        providers,
      });
      expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({
        type: 'hidden',
        default: 'acme',
      });
      expect(description.credentials).toEqual([{ name: 'acmeApi', required: true }]);
      expect(description.properties.find((p) => p.name === 'model')?.default).toEqual({
        mode: 'list',
        value: 'fake-async',
      });
      expect(imageNodeSubtitle(providers)).not.toContain('provider');
    },
  );

  it(
    'with several: a Provider choice, each credential shown for its provider only, ' +
      'and Provider Options under Options',
    () => {
      const providers = [
        nodeProvider(provider('acme'), { defaultModel: 'fake-async', credential: AcmeApi }),
        nodeProvider(provider('other'), { defaultModel: 'fake-sync', credential: OtherApi }),
      ];
      const description = imageNodeDescription({
        name: 'images',
        displayName: 'Images',
        description: 'Images',
        providers,
      });
      expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({
        type: 'options',
        default: 'acme',
        options: [
          { name: 'ACME', value: 'acme' },
          { name: 'OTHER', value: 'other' },
        ],
      });
      expect(description.credentials).toEqual([
        { name: 'acmeApi', required: true, displayOptions: { hide: { provider: ['other'] } } },
        { name: 'otherApi', required: true, displayOptions: { hide: { provider: ['acme'] } } },
      ]);
      const options = description.properties.find((p) => p.name === 'options')?.options as Array<{
        name: string;
        type: string;
      }>;
      expect(options.find((o) => o.name === 'providerOptions')).toMatchObject({ type: 'json' });
      expect(imageNodeSubtitle(providers)).toContain('"acme":"ACME"');
    },
  );
});

describe('items', () => {
  it('Continue On Fail: one bad item yields { error, code } paired to it, the others go on', async () => {
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .times(2)
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const { out } = await run({
      continueOnFail: true,
      items: [{ json: {} }, { json: {} }, { json: {} }],
      itemParameters: [{ prompt: 'one' }, { prompt: '' }, { prompt: 'three' }],
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: '={{ $json.prompt }}',
      },
    });
    expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    expect(out[1]!.json).toMatchObject({
      code: 'INVALID_REQUEST',
      error: '"Prompt" must be a non-empty string.',
      description: 'Check Prompt.',
      provider: 'gptproto',
      model: 'gpt-image-1',
      field: 'prompt',
    });
    expect(out[0]!.json.prompt).toBe('one');
    expect(out[2]!.json.prompt).toBe('three');
  });

  it('Parallel Requests runs items at once and keeps the output in input order', async () => {
    for (const [prompt, delay] of [
      ['first', 300],
      ['second', 0],
      ['third', 100],
    ] as const) {
      nock(GPTPROTO)
        .post('/v1/images/generations', (b: { prompt: string }) => b.prompt === prompt)
        .delay(delay)
        .reply(200, { data: [{ b64_json: toBase64(png) }] });
    }
    const started = Date.now();
    const { out } = await run({
      items: [{ json: {} }, { json: {} }, { json: {} }],
      itemParameters: [{ prompt: 'first' }, { prompt: 'second' }, { prompt: 'third' }],
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'generate',
        model: model('gpt-image-1'),
        prompt: '={{ $json.prompt }}',
        options: { parallel: 3 },
      },
    });
    expect(out.map((o) => o.json.prompt)).toEqual(['first', 'second', 'third']);
    expect(Date.now() - started).toBeLessThan(800);
  });
});
