import type { ProviderAccount } from '@imagegate/core/provider';
import { toBase64, useNock } from '@imagegate/testing';
import { NodeApiError } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { credentials, GPTPROTO, model, png, run } from '../../test/run-node.js';
import { credentialAuthentication, credentialProperties, credentialTest } from './credential.js';

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

useNock();

describe('credentials from a provider account', () => {
  it(
    'asks for the key (with its hint), the key format only when there is a choice ' +
      '(Automatic first, then the documented one), the base URL and your own prices',
    () => {
      const both = credentialProperties(account(['bare', 'bearer']));
      expect(both.map((p) => p.name)).toEqual(['apiKey', 'authScheme', 'baseUrl', 'prices']);
      expect(both[0]).toMatchObject({
        typeOptions: { password: true },
        required: true,
        description: 'Your Acme API key (ak-…)',
      });
      expect(both[1]).toMatchObject({
        default: 'auto',
        options: [
          { name: 'Automatic', value: 'auto' },
          { name: 'Key Only (as documented)', value: 'bare' },
          { name: 'Bearer Key', value: 'bearer' },
        ],
      });
      expect(both[2]).toMatchObject({ default: 'https://api.acme.test' });
      expect(both[3]).toMatchObject({
        displayName: 'Prices',
        type: 'json',
        default: '',
        hint: expect.stringMatching(/^Optional\. Resellers and plans often charge less/),
      });
      expect(credentialProperties(account(['bearer'])).map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'prices']);
    },
  );

  it("puts the key in the account's header, in its format, and tests it with the key check", () => {
    expect(credentialAuthentication(account(['bearer']))).toEqual({
      type: 'generic',
      properties: { headers: { Authorization: '={{ "Bearer " + $credentials.apiKey }}' } },
    });
    expect(credentialAuthentication(account(['bare'], 'x-api-key')).properties.headers).toEqual({
      'x-api-key': '={{ $credentials.apiKey }}',
    });
    // Automatic (and any other value) sends the documented form: what the credential test checks.
    expect(credentialAuthentication(account(['bare', 'bearer'])).properties.headers!.Authorization).toBe(
      '={{ $credentials.authScheme === "bearer" ? "Bearer " + $credentials.apiKey : ' +
        '$credentials.authScheme === "bare" ? $credentials.apiKey : $credentials.apiKey }}',
    );
    expect(credentialTest(account(['bearer']))).toEqual({
      request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: '/v1/me', method: 'GET' },
    });
  });
});

describe("the Authorization Format where GPTProto's pages disagree", () => {
  /** A gateway that takes only `Bearer <key>`, recording the form of each request. */
  const bearerOnly = (key: string) => {
    const seen: string[] = [];
    nock(GPTPROTO)
      .post('/v1/images/generations')
      .times(4)
      .reply(function () {
        const auth = String(this.req.headers.authorization);
        seen.push(auth.startsWith('Bearer ') ? 'bearer' : 'bare');
        return auth === `Bearer ${key}`
          ? [200, { data: [{ b64_json: toBase64(png) }] }]
          : [401, { error: { message: 'Invalid token', type: '401' } }];
      });
    return seen;
  };
  const parameters = {
    provider: 'gptproto',
    resource: 'image',
    operation: 'generate',
    model: model('gpt-image-1'),
    prompt: 'a cat',
  };

  it.each([
    ['Automatic', { authScheme: 'auto' }],
    ['unset (a credential saved before the option)', {}],
  ])('%s: a key refused as written is tried once as Bearer, and the image is made', async (_name, format) => {
    const key = `sk-gptproto-auto-${Object.keys(format).length}-0123456789`;
    const seen = bearerOnly(key);
    const { out } = await run({
      credentials: { ...credentials, imageGateGptProtoApi: { apiKey: key, baseUrl: GPTPROTO, ...format } },
      parameters,
    });
    expect(out).toHaveLength(1);
    expect(seen).toEqual(['bare', 'bearer']);
    nock.cleanAll();
  });

  it('Key Only sends exactly the bare key: a refusal fails, with no second form', async () => {
    const key = 'sk-gptproto-explicit-0123456789';
    const seen = bearerOnly(key);
    const error = await run({
      credentials: { ...credentials, imageGateGptProtoApi: { apiKey: key, authScheme: 'bare', baseUrl: GPTPROTO } },
      parameters,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(seen).toEqual(['bare']);
    nock.cleanAll();
  });
});
