import { JPEG_16, multipartParts, toBase64, useNock } from '@imagegate/testing';
import { NodeOperationError } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { binaryItem } from '../../../test/execute-functions.js';
import { CDN, GPTPROTO, model, png, run, shown, taskBody, TOAPIS } from '../../../test/run-node.js';

const nocks = useNock();

describe('Image → Edit', () => {
  it("sends the input item's binary properties as multipart image[] (gpt-image)", async () => {
    let raw: unknown;
    nock(GPTPROTO)
      .post('/v1/images/edits', (b) => ((raw = b), true))
      .reply(200, { data: [{ b64_json: toBase64(png) }] });
    const items = [
      {
        ...binaryItem(png, 'image/png', 'cat.png'),
        binary: {
          ...binaryItem(png, 'image/png', 'cat.png').binary,
          photo: binaryItem(JPEG_16, 'image/jpeg', 'hat.jpg').binary!.data!,
        },
      },
    ];
    const { out } = await run({
      items,
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'edit',
        model: model('gpt-image-1'),
        prompt: 'add a hat',
        inputBinaryFields: 'data, photo',
      },
    });
    const images = multipartParts(raw).filter((p) => p.name === 'image[]');
    expect(images.map((p) => p.contentType)).toEqual(['image/png', 'image/jpeg']);
    expect(images[1]!.content.equals(Buffer.from(JPEG_16))).toBe(true);
    expect(multipartParts(raw).find((p) => p.name === 'prompt')?.text).toBe('add a hat');
    expect(out[0]!.json.mimeType).toBe('image/png');
  });

  it('sends binary inputs as inline_data to Gemini generateContent', async () => {
    let body: { contents: Array<{ parts: Array<Record<string, unknown>> }> } = { contents: [] };
    nock(GPTPROTO)
      .post('/v1beta/models/gemini-2.5-flash-image:generateContent', (b) => ((body = b), true))
      .reply(200, {
        candidates: [
          {
            content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: toBase64(png) } }] },
            finishReason: 'STOP',
          },
        ],
      });
    const { out } = await run({
      items: [binaryItem(png, 'image/png', 'cat.png')],
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'edit',
        model: model('gemini-2.5-flash-image'),
        prompt: 'add a hat',
      },
    });
    expect(body.contents[0]!.parts).toEqual([
      { text: 'add a hat' },
      { inline_data: { mime_type: 'image/png', data: toBase64(png) } },
    ]);
    expect(out[0]!.binary!.data!.mimeType).toBe('image/png');
  });

  it('names the missing binary property before any request', async () => {
    const error = (await run({
      items: [{ json: {} }],
      parameters: {
        provider: 'gptproto',
        resource: 'image',
        operation: 'edit',
        model: model('gpt-image-1'),
        prompt: 'x',
        inputBinaryFields: 'photo',
      },
    }).catch((e: unknown) => e)) as NodeOperationError;
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('The input item has no binary field "photo"');
    expect(nocks.unmatched()).toBe(0);
  });
});

describe('Image → Edit in the panel', () => {
  it('adds Input Binary Field(s), and the reference URLs and mask the model takes, to what Generate shows', () => {
    expect(
      shown({ provider: 'gptproto', resource: 'image', operation: 'edit', model: model('gpt-image-1') }),
    ).toMatchObject({ prompt: '', inputBinaryFields: 'data', maskBinaryField: '' });
    const toapis = shown({
      provider: 'toapis',
      resource: 'image',
      operation: 'edit',
      model: model('gemini-3-pro-image-preview'),
    });
    expect(toapis).toMatchObject({ inputBinaryFields: 'data', imageUrls: [] });
    expect(toapis).not.toHaveProperty('maskBinaryField');
  });

  it('sends URLs alone when no binary field is named', async () => {
    let body: Record<string, unknown> = {};
    nock(TOAPIS)
      .post('/v1/images/generations', (b) => ((body = b), true))
      .reply(200, taskBody('task_e', 'queued'))
      .get('/v1/images/generations/task_e')
      .reply(200, taskBody('task_e', 'completed', { result: { data: [{ url: `${CDN}/task_e.png` }] } }));
    const { out } = await run({
      parameters: {
        provider: 'toapis',
        resource: 'image',
        operation: 'edit',
        model: model('gemini-3-pro-image-preview'),
        prompt: 'add a hat',
        inputBinaryFields: '',
        imageUrls: ['https://example.com/cat.png'],
        options: { urlsOnly: true, pollIntervalSeconds: 0.05 },
      },
    });
    expect(body).toMatchObject({ prompt: 'add a hat', image_urls: ['https://example.com/cat.png'] });
    expect(out[0]!.json).toMatchObject({ url: `${CDN}/task_e.png`, taskId: 'task_e' });
  });
});
