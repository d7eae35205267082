import { generateImage } from '@imagegate/core';
import { encodePng } from '@imagegate/testing/fakes';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, gptImageAnswer, gptImagePlusAnswer, JPEG_16, KEY, PNG_32, PNG_64, WEBP_16 } from './vendor-answers.js';
import { multipartParts, multipartText, provider, useNock } from './helpers.js';

const PATH = '/v1/images/edits';
useNock();

describe('POST /v1/images/edits (gpt-image, multipart)', () => {
  it('sends repeated image[] parts, the mask and every parameter as form fields', async () => {
    let raw = '';
    let contentType = '';
    nock(BASE, { reqheaders: { authorization: KEY } })
      .post(PATH, (body: string) => {
        raw = body;
        return true;
      })
      .reply(function () {
        contentType = String(this.req.headers['content-type']);
        return [200, gptImageAnswer([PNG_64])];
      });
    const mask = encodePng(64, 64, { color: [0, 0, 0] });
    const result = await generateImage({
      provider: provider(),
      model: 'gpt-image-1.5',
      prompt: 'put a hat on the cat',
      images: [
        { data: PNG_64, mimeType: 'image/png' },
        { data: JPEG_16, mimeType: 'image/jpeg' },
        { data: WEBP_16, mimeType: 'image/webp' },
      ],
      mask: { data: mask, mimeType: 'image/png' },
      size: '1024x1024',
      quality: 'medium',
      background: 'opaque',
      outputFormat: 'jpeg',
      outputCompression: 50,
      providerOptions: { inputFidelity: 'high', user: 'u-1' },
    });
    expect(result.images[0]!.data).toEqual(PNG_64);
    expect(result.usage).toEqual({
      inputTokens: 8,
      outputTokens: 196,
      totalTokens: 204,
      images: 1,
      size: '1024x1024',
      pixels: '1024x1024',
      quality: 'medium',
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);

    const parts = multipartParts(raw);
    expect(parts.map((p) => p.name)).toEqual([
      'model',
      'prompt',
      'image[]',
      'image[]',
      'image[]',
      'mask',
      'n',
      'size',
      'quality',
      'background',
      'output_format',
      'output_compression',
      'input_fidelity',
      'user',
    ]);
    const field = (name: string) => parts.find((p) => p.name === name)?.text;
    expect([field('model'), field('prompt'), field('n'), field('size'), field('quality'), field('background')]).toEqual(
      ['gpt-image-1.5', 'put a hat on the cat', '1', '1024x1024', 'medium', 'opaque'],
    );
    expect([field('output_format'), field('output_compression'), field('input_fidelity'), field('user')]).toEqual([
      'jpeg',
      '50',
      'high',
      'u-1',
    ]);
    const images = parts.filter((p) => p.name === 'image[]');
    expect(images.map((p) => [p.filename, p.contentType])).toEqual([
      ['image-1.png', 'image/png'],
      ['image-2.jpg', 'image/jpeg'],
      ['image-3.webp', 'image/webp'],
    ]);
    expect(images[1]!.content).toEqual(Buffer.from(JPEG_16));
    expect(parts.find((p) => p.name === 'mask')!.content).toEqual(Buffer.from(mask));
    expect(multipartText(raw)).toContain('Content-Disposition: form-data; name="image[]"; filename="image-1.png"');
  });

  it('sends only model, prompt, images and n when nothing else is set', async () => {
    let names: string[] = [];
    nock(BASE)
      .post(PATH, (body: string) => {
        names = multipartParts(body).map((p) => p.name);
        return true;
      })
      .reply(200, gptImageAnswer());
    await generateImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'x',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
    });
    expect(names).toEqual(['model', 'prompt', 'image[]', 'n']);
  });

  it('accepts 16 reference images in one call', async () => {
    let count = 0;
    nock(BASE)
      .post(PATH, (body: string) => {
        count = multipartParts(body).filter((p) => p.name === 'image[]').length;
        return true;
      })
      .reply(200, gptImageAnswer());
    const images = Array.from({ length: 16 }, () => ({ data: PNG_32, mimeType: 'image/png' }));
    await generateImage({ provider: provider(), model: 'gpt-image-2', prompt: 'a collage', images });
    expect(count).toBe(16);
  });
});

describe('POST /v1/images/edits on the -plus and VIP channels', () => {
  it('-plus: model, prompt, the image[] parts and size only; the data-URI answer is read', async () => {
    let parts: ReturnType<typeof multipartParts> = [];
    nock(BASE)
      .post(PATH, (body: string) => ((parts = multipartParts(body)), true))
      .reply(200, gptImagePlusAnswer(PNG_32));
    const { images } = await generateImage({
      provider: provider(),
      model: 'gpt-image-2-plus',
      prompt: 'put a hat on the cat',
      images: [
        { data: PNG_64, mimeType: 'image/png' },
        { data: JPEG_16, mimeType: 'image/jpeg' },
      ],
      size: '1024x1536',
    });
    expect(parts.map((p) => p.name)).toEqual(['model', 'prompt', 'image[]', 'image[]', 'size']);
    expect(parts.find((p) => p.name === 'size')?.text).toBe('1024x1536');
    expect(images[0]).toMatchObject({ mimeType: 'image/png', data: PNG_32 });
  });

  it('VIP: gpt-4o-image-vip edits with the gpt-image form (its page), mask included', async () => {
    let names: string[] = [];
    nock(BASE)
      .post(
        PATH,
        (body: string) => (
          (names = multipartParts(body).map((p) => (p.filename ? p.name : `${p.name}=${p.text}`))),
          true
        ),
      )
      .reply(200, gptImageAnswer());
    await generateImage({
      provider: provider(),
      model: 'gpt-4o-image-vip',
      prompt: 'x',
      images: [{ data: PNG_64, mimeType: 'image/png' }],
      mask: { data: encodePng(64, 64), mimeType: 'image/png' },
    });
    expect(names).toEqual(['model=gpt-4o-image-vip', 'prompt=x', 'image[]', 'mask', 'n=1']);
  });
});
