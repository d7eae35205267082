import { generateImage } from '@imagegate/core';
import { encodePng, toBase64 } from '@imagegate/core/fakes';
import { useNock } from '@imagegate/core/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { __CONST___BASE_URL, __FACTORY__ } from '../src/index.js';

// What goes over the wire, beyond what the contract suite checks.
const { unmatched } = useNock();
const provider = __FACTORY__({ apiKey: 'sk-test-1234567890' });

describe('POST /v1/images/generations', () => {
  it('sends the key, the request fields and providerOptions (no size: the vendor picks), and returns the decoded PNG', async () => {
    let sent: unknown;
    nock(__CONST___BASE_URL, { reqheaders: { authorization: 'Bearer sk-test-1234567890' } })
      .post('/v1/images/generations', (body) => ((sent = body), true))
      .reply(200, { data: [{ b64_json: toBase64(encodePng(32, 32)), revised_prompt: 'a red apple' }] });

    const { images } = await generateImage({ provider, model: '__ID__-image-1', prompt: 'an apple', quality: 'high', providerOptions: { user: 'user-42' } });

    expect(sent).toEqual({ model: '__ID__-image-1', prompt: 'an apple', n: 1, quality: 'high', user: 'user-42', response_format: 'b64_json' });
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 32, height: 32, revisedPrompt: 'a red apple' });
  });

  it('refuses an unknown provider option before any request, naming it', async () => {
    const error = await generateImage({ provider, model: '__ID__-image-1', prompt: 'an apple', providerOptions: { usr: 'typo' } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(String((error as Error).message)).toContain('usr');
    expect(unmatched()).toBe(0);
  });

  it('refuses a missing key before any request', async () => {
    const error = await generateImage({ provider: __FACTORY__({ apiKey: '' }), model: '__ID__-image-1', prompt: 'an apple' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'apiKey' });
    expect(unmatched()).toBe(0);
  });
});
