import { encodePng, useNock } from '@imagegate/testing';
import { NodeApiError } from 'n8n-workflow';
import nock from 'nock';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { executeFunctions } from '../../test/execute-functions.js';
import { CDN, credentials, node, png, run, taskBody, TOAPIS, toapisImage } from '../../test/run-node.js';
import { imageFileName, n8nBinaryStore } from './n8n-binary-store.js';

useNock();

describe("results in n8n's binary store", () => {
  it(
    'streams a large result into the binary store, ' + 'and a download that breaks off names the task to collect',
    async () => {
      const large = encodePng(700, 700, { noise: true, seed: 5 });
      const completed = (id: string) => taskBody(id, 'completed', { result: { data: [{ url: `${CDN}/${id}.png` }] } });
      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody('task_big', 'queued'))
        .get('/v1/images/generations/task_big')
        .reply(200, completed('task_big'));
      nock(CDN)
        .get('/task_big.png')
        .reply(200, Buffer.from(large), { 'content-type': 'image/png', 'content-length': String(large.byteLength) });
      const ok = await run({ parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } } });
      expect(ok.out[0]!.json).toMatchObject({
        width: 700,
        height: 700,
        fileSize: large.byteLength,
        fileName: 'task_big-1.png',
      });
      expect(ok.fns.record.stored).toEqual([
        { fileName: 'task_big-1.png', mimeType: 'image/png', streamed: true, bytes: large.byteLength },
      ]);

      nock(TOAPIS)
        .post('/v1/images/generations')
        .reply(200, taskBody('task_cut', 'queued'))
        .get('/v1/images/generations/task_cut')
        .reply(200, completed('task_cut'));
      // Three times: a broken download is fetched again (a free GET) as often as the client retries.
      for (let i = 0; i < 3; i++) {
        nock(CDN)
          .get('/task_cut.png')
          .reply(
            200,
            () =>
              Readable.from(
                (async function* () {
                  yield Buffer.from(large.subarray(0, 200_000));
                  throw new Error('socket hang up');
                })(),
              ),
            { 'content-type': 'image/png', 'content-length': String(large.byteLength) },
          );
      }
      const error = await run({ parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).message).toMatch(/Could not reach ToAPIs/);
      expect((error as NodeApiError).description).toMatch(/task_cut/);
    },
  );

  it('when n8n cannot store the downloaded image, says so and names the task to collect', async () => {
    nock(TOAPIS)
      .post('/v1/images/generations')
      .reply(200, taskBody('task_full', 'queued'))
      .get('/v1/images/generations/task_full')
      .reply(200, taskBody('task_full', 'completed', { result: { data: [{ url: `${CDN}/task_full.png` }] } }));
    nock(CDN).get('/task_full.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
    const error = await run({
      parameters: { ...toapisImage, options: { pollIntervalSeconds: 0.05 } },
      storeFails: 'ENOSPC: no space left on device',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toBe('n8n could not store the image');
    expect((error as NodeApiError).description).toMatch(/ENOSPC.*binary data storage.*task_full/s);
  });
});

describe('the binary store on its own', () => {
  const fns = () => executeFunctions(node, { credentials, parameters: toapisImage });
  async function* chunksOf(bytes: Uint8Array) {
    yield bytes.subarray(0, 10);
    yield bytes.subarray(10);
  }

  it(
    "hands core a plain saveImage: a download that came through its transport as n8n's stream " +
      'is piped into the store as a stream, named after its task, then numbered',
    async () => {
      nock(CDN).get('/a.png').reply(200, Buffer.from(png), { 'content-type': 'image/png' });
      const context = fns();
      const store = n8nBinaryStore(context);
      const response = await store.transport({ method: 'GET', url: `${CDN}/a.png`, headers: {}, stream: true });
      expect(response.stream).toBeDefined();
      const saveImage = store.saveImages('gpt-image-2');
      const first = await saveImage({
        mimeType: 'image/png',
        url: `${CDN}/a.png`,
        taskId: 'task/9',
        chunks: response.stream!,
      });
      await saveImage({ mimeType: 'image/png', url: `${CDN}/b.png`, chunks: chunksOf(png) });
      expect(first).toMatchObject({ fileName: 'task_9-1.png', mimeType: 'image/png' });
      expect(context.record.stored).toEqual([
        { fileName: 'task_9-1.png', mimeType: 'image/png', streamed: true, bytes: png.byteLength },
        { fileName: 'gpt-image-2-2.png', mimeType: 'image/png', streamed: true, bytes: png.byteLength },
      ]);
      // The download went out without a credential.
      expect(context.record.requests[0]!.headers).toEqual({});
    },
  );

  it(
    'without a stream from n8n to take the Readable from, hands the bytes over as one buffer; ' +
      'inline bytes too, and signs a link only to a stored binary',
    async () => {
      const context = fns();
      const store = n8nBinaryStore(context);
      await store.saveImages('m')({
        mimeType: 'image/png',
        url: `${CDN}/c.png`,
        byteLength: png.byteLength,
        chunks: chunksOf(png),
      });
      const inline = await store.saveBytes(png, 'task 1', 0, 'image/png');
      expect(context.record.stored).toEqual([
        { fileName: 'm-1.png', mimeType: 'image/png', streamed: false, bytes: png.byteLength },
        { fileName: 'task_1-1.png', mimeType: 'image/png', streamed: false, bytes: png.byteLength },
      ]);
      expect(store.signedUrl(inline)).toBeUndefined();
      expect(store.signedUrl({ ...inline, id: 'filesystem-v2:x' })).toMatch(
        /^http:\/\/localhost:5678\/rest\/binary-data\/signed\?token=/,
      );
      expect(imageFileName('gemini-2.5-flash-image', 2, 'image/jpeg')).toBe('gemini-2.5-flash-image-3.jpg');
    },
  );
});
