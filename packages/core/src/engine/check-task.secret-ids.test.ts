/**
 * Secrets stay secret in vendor-given data too: a vendor that echoes the API
 * key as a task id, a result URL or a revised prompt puts it nowhere — not in
 * an error's JSON, a progress event, a result or a warning.
 */
import { describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng, toBase64 } from '@imagegate/testing/fakes';
import { leaksSecret } from '../provider.js';
import { generateImage, getTaskStatus, submitImage, waitForTask, type ProgressEvent } from '../index.js';
import { HOSTILE_KEY, hostileProvider } from '../../test-support/hostile-server.js';
import { clocked, json, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
const png = encodePng(8, 8);
const leaks = (value: unknown) => leaksSecret(JSON.stringify(value), HOSTILE_KEY);

describe('an id that echoes the key is refused', () => {
  it.each([
    ['the key itself', HOSTILE_KEY],
    ['12 characters of it inside an id', `task-${HOSTILE_KEY.slice(5, 17)}-x`],
  ])('%s as a task id: BAD_RESPONSE, maybeBilled, the id redacted, no progress event, no poll', async (_name, id) => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { id }));
    const events: ProgressEvent[] = [];
    for (const call of [generateImage, submitImage]) {
      const error = await failure(
        call({
          provider: hostileProvider(vendor.url),
          model: 'h-async',
          prompt: 'a cat',
          onProgress: (e) => events.push(e),
          ...clocked(),
        }),
      );
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', maybeBilled: true, retryable: false });
      expect(error.message).toMatch(/contains the API key/);
      expect(leaks(error)).toBe(false);
      expect(leaks(error.toJSON())).toBe(false);
      expect(leaks(error.stack)).toBe(false);
    }
    expect(events).toEqual([]);
    expect(vendor.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });

  it('a handle from workflow data whose id holds the key is refused before any request, without the key', async () => {
    const { vendor } = servers;
    const task = { version: 1 as const, provider: 'hostile', taskId: HOSTILE_KEY, model: 'h-async', createdAt: 0 };
    for (const call of [
      () => getTaskStatus({ provider: hostileProvider(vendor.url), task }),
      () => waitForTask({ provider: hostileProvider(vendor.url), task }),
    ]) {
      const error = await failure(call());
      expect(error.field).toBe('task.taskId');
      expect(leaks(error.toJSON())).toBe(false);
    }
    expect(vendor.requests).toHaveLength(0);
  });

  it('an error built with a handle that holds the key carries it redacted', async () => {
    const { vendor } = servers;
    vendor.handle((_req, res) => json(res, 200, { code: 500, id: `job-${HOSTILE_KEY}` }));
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      maybeBilled: true,
      retryable: false,
      taskId: 'job-[REDACTED]',
    });
    expect(leaks(error.toJSON())).toBe(false);
  });
});

describe('result data that echoes the key is redacted', () => {
  it('result URLs, extra images and revised prompts', async () => {
    const { vendor } = servers;
    const url = (n: number) => `${vendor.url}/files/${n}.png?sig=${HOSTILE_KEY}`;
    vendor.handle((req, res) =>
      req.url!.startsWith('/files/')
        ? res.writeHead(200, { 'content-type': 'image/png' }).end(png)
        : json(res, 200, {
            data: [
              { url: url(1), revised_prompt: `made with ${HOSTILE_KEY}` },
              { url: url(2) },
              { b64_json: toBase64(png), revised_prompt: HOSTILE_KEY },
            ],
          }),
    );
    for (const [n, download] of [
      [1, true],
      [3, true],
      [3, false],
    ] as const) {
      const result = await generateImage({
        provider: hostileProvider(vendor.url),
        model: 'h-sync',
        prompt: 'a cat',
        n,
        download,
      });
      expect(result.extraImages?.length ?? 0).toBe(n === 1 ? 2 : 0);
      expect(leaks(result.images.map(({ data: _data, ...rest }) => rest))).toBe(false);
      expect(leaks(result)).toBe(false);
    }
    const saved = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-sync',
      prompt: 'a cat',
      n: 3,
      saveImage: async (image) => image.url,
    });
    expect(leaks(saved.images.map(({ data: _data, ...rest }) => rest))).toBe(false);
    // The download itself went to the URL as the vendor gave it.
    expect(vendor.requests.some((r) => r.url.includes(HOSTILE_KEY))).toBe(true);
  });
});

describe('what review found: every path hands out redacted vendor text', () => {
  it("waitForTask's warnings and getTaskStatus's images, prompts and warnings; a key passed as the model", async () => {
    const { vendor } = servers;
    const provider = hostileProvider(vendor.url);
    const echo = (ms: number) => ({
      ...provider,
      getTask: async () => ({
        state: 'succeeded' as const,
        images: [{ url: `${vendor.url}/files/${HOSTILE_KEY}.png`, revisedPrompt: HOSTILE_KEY }],
        warnings: [`said ${HOSTILE_KEY}`],
        retry: ms,
      }),
    });
    vendor.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const waited = await waitForTask({
      provider: echo(0),
      task: { version: 1, provider: 'hostile', taskId: 't-w', model: 'h-async', createdAt: 0 },
    });
    expect(leaks(waited.warnings)).toBe(false);
    const status = await getTaskStatus({
      provider: echo(0),
      task: { version: 1, provider: 'hostile', taskId: 't-s', model: 'h-async', createdAt: 0 },
    });
    expect(leaks(status)).toBe(false);
    const error = await failure(generateImage({ provider, model: HOSTILE_KEY, prompt: 'a cat' }));
    expect(leaks(error.toJSON())).toBe(false);
  });
});
