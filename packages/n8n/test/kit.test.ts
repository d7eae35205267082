import { defineProvider, type ProviderAccount } from '@imagegate/core/provider';
import { FAKE_MODELS } from '@imagegate/testing/fakes';
import { describe, expect, it } from 'vitest';
import { credentialAuthentication, credentialProperties, credentialTest, imageNodeDescription, imageNodeSubtitle, nodeProvider } from '../src/index.js';

const account = (schemes: Array<'bare' | 'bearer'>, header?: string): ProviderAccount => ({
  id: 'acme',
  name: 'Acme',
  docsUrl: 'https://docs.acme.test',
  credentials: { baseUrl: 'https://api.acme.test', auth: { schemes, ...(header ? { header } : {}) }, keyHint: 'ak-…' },
  keyCheck: { method: 'GET', path: '/v1/me' },
});
const provider = (id: string) =>
  defineProvider({ ...account(['bearer']), id, name: id.toUpperCase(), models: FAKE_MODELS, async submit() { return { type: 'images', images: [] }; }, async getTask() { return { state: 'running' }; }, async cancelTask() {} });
class AcmeApi {
  name = 'acmeApi';
}
class OtherApi {
  name = 'otherApi';
}

describe('credentials from a provider account', () => {
  it('asks for the key (with its hint), the key format only when there is a choice (Automatic first, then the documented one), and the base URL', () => {
    const both = credentialProperties(account(['bare', 'bearer']));
    expect(both.map((p) => p.name)).toEqual(['apiKey', 'authScheme', 'baseUrl']);
    expect(both[0]).toMatchObject({ typeOptions: { password: true }, required: true, description: 'Your Acme API key (ak-…)' });
    expect(both[1]).toMatchObject({
      default: 'auto',
      options: [
        { name: 'Automatic', value: 'auto' },
        { name: 'Key Only (as documented)', value: 'bare' },
        { name: 'Bearer Key', value: 'bearer' },
      ],
    });
    expect(both[2]).toMatchObject({ default: 'https://api.acme.test' });
    expect(credentialProperties(account(['bearer'])).map((p) => p.name)).toEqual(['apiKey', 'baseUrl']);
  });

  it('puts the key in the account\'s header, in its format, and tests it with the key check', () => {
    expect(credentialAuthentication(account(['bearer']))).toEqual({ type: 'generic', properties: { headers: { Authorization: '={{ "Bearer " + $credentials.apiKey }}' } } });
    expect(credentialAuthentication(account(['bare'], 'x-api-key')).properties.headers).toEqual({ 'x-api-key': '={{ $credentials.apiKey }}' });
    // Automatic (and any other value) sends the documented form: what the credential test checks.
    expect(credentialAuthentication(account(['bare', 'bearer'])).properties.headers!.Authorization).toBe(
      '={{ $credentials.authScheme === "bearer" ? "Bearer " + $credentials.apiKey : $credentials.authScheme === "bare" ? $credentials.apiKey : $credentials.apiKey }}',
    );
    expect(credentialTest(account(['bearer']))).toEqual({ request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: '/v1/me', method: 'GET' } });
  });
});

describe('a node from provider definitions', () => {
  it('refuses a default model the provider does not have', () => {
    expect(() => nodeProvider(provider('acme'), { defaultModel: 'no-such-model', credential: AcmeApi })).toThrow(/defaultModel "no-such-model" is not one of its models/);
  });

  it('with one provider: the Provider parameter is hidden and fixed, one credential, the subtitle names the model and operation', () => {
    const providers = [nodeProvider(provider('acme'), { defaultModel: 'fake-async', credential: AcmeApi })];
    const description = imageNodeDescription({ name: 'acmeImage', displayName: 'Acme Image', description: 'Images through Acme', providers });
    expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({ type: 'hidden', default: 'acme' });
    expect(description.credentials).toEqual([{ name: 'acmeApi', required: true }]);
    expect(description.properties.find((p) => p.name === 'model')?.default).toEqual({ mode: 'list', value: 'fake-async' });
    expect(imageNodeSubtitle(providers)).not.toContain('provider');
  });

  it('with several: a Provider choice, each credential shown for its provider only, and Provider Options under Options', () => {
    const providers = [nodeProvider(provider('acme'), { defaultModel: 'fake-async', credential: AcmeApi }), nodeProvider(provider('other'), { defaultModel: 'fake-sync', credential: OtherApi })];
    const description = imageNodeDescription({ name: 'images', displayName: 'Images', description: 'Images', providers });
    expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({ type: 'options', default: 'acme', options: [{ name: 'ACME', value: 'acme' }, { name: 'OTHER', value: 'other' }] });
    expect(description.credentials).toEqual([
      { name: 'acmeApi', required: true, displayOptions: { hide: { provider: ['other'] } } },
      { name: 'otherApi', required: true, displayOptions: { hide: { provider: ['acme'] } } },
    ]);
    const options = description.properties.find((p) => p.name === 'options')?.options as Array<{ name: string; type: string }>;
    expect(options.find((o) => o.name === 'providerOptions')).toMatchObject({ type: 'json' });
    expect(imageNodeSubtitle(providers)).toContain('"acme":"ACME"');
  });
});
