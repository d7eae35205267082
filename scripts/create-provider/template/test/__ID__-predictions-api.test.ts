import { generateImage } from '@imagegate/core';
import { encodePng, useNock } from '@imagegate/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { __CONST___BASE_URL, __FACTORY__ } from '../src/index.js';

// What goes over the wire, beyond what the contract suite checks.
const { unmatched } = useNock();
const provider = __FACTORY__({ apiKey: 'sk-test-1234567890' });

describe('POST /v1/predictions', () => {
  it(
    'sends the key, the input and the negative prompt, ' + 'and returns the images of a prediction already done',
    async () => {
      let sent: unknown;
      nock(__CONST___BASE_URL, { reqheaders: { authorization: 'Bearer sk-test-1234567890' } })
        .post('/v1/predictions', (body) => ((sent = body), true))
        .reply(201, { id: 'p_1', status: 'succeeded', output: ['https://cdn.__ID__.example/p_1.png'] });
      nock('https://cdn.__ID__.example')
        .get('/p_1.png')
        .reply(200, Buffer.from(encodePng(32, 32)));

      const { images, tasks } = await generateImage({
        provider,
        model: '__ID__-image-1',
        prompt: 'an apple',
        seed: 7,
        providerOptions: { negativePrompt: 'blur' },
      });

      expect(sent).toEqual({
        model: '__ID__-image-1',
        input: { prompt: 'an apple', num_outputs: 1, seed: 7, negative_prompt: 'blur' },
      });
      expect(images[0]).toMatchObject({ mimeType: 'image/png', width: 32, url: 'https://cdn.__ID__.example/p_1.png' });
      expect(tasks).toEqual([]);
    },
  );

  it('refuses an option the model does not take before any request, naming it', async () => {
    const error = await generateImage({
      provider,
      model: '__ID__-image-1-fast',
      prompt: 'an apple',
      providerOptions: { negativePrompt: 'blur' },
    }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'UNSUPPORTED', field: 'providerOptions.negativePrompt' });
    expect(unmatched()).toBe(0);
  });
});
