/**
 * Finishing images: only the images asked for are downloaded, and never from
 * private networks unless allowed.
 */
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure, encodePng } from '@imagegate/testing/fakes';
import { generateImage, waitForTask } from '../index.js';
import { hostileProvider, json, type HostileServer, serveTask } from '../../test-support/hostile-server.js';
import { clocked, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
let elsewhere: HostileServer;
beforeAll(() => {
  ({ vendor, elsewhere } = servers);
});

const png = encodePng(8, 8);
const taskVendor = (poll: Parameters<HostileServer['handle']>[0], id?: string) => serveTask(vendor, poll, id);

describe('no hot loops, no unbounded work', () => {
  it('downloads only the images asked for when a task lists 1,000 URLs, and keeps the rest as URLs', async () => {
    const urls = Array.from({ length: 1000 }, (_, i) => `${vendor.url}/files/${i}.png`);
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: 'task-many' });
      if (req.url!.startsWith('/files/')) return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      json(res, 200, { status: 'done', urls });
    });
    const result = await generateImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      ...clocked(),
    });
    expect(result.images).toHaveLength(1);
    expect(result.extraImages).toHaveLength(999);
    expect(result.extraImages![998]).toEqual({ url: urls[999] });
    expect(result.warnings.join()).toMatch(
      /answered 1000 images where 1 were asked; the other 999 were not downloaded/,
    );
    expect(vendor.requests.filter((r) => r.url.startsWith('/files/'))).toHaveLength(1);
    // waitForTask takes at most the model's per-call maximum.
    vendor.reset();
    const resumed = await waitForTask({ provider: hostileProvider(vendor.url), task: result.tasks[0]!, ...clocked() });
    expect(resumed.images).toHaveLength(1);
  });
});

describe('answers come from the vendor, and downloads stay where they belong', () => {
  it(
    'refuses result URLs on loopback or private addresses when the vendor is public, ' + 'also after a CDN redirect',
    async () => {
      const task = { id: 'task-ssrf' };
      elsewhere.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
      nock('https://api.vendor.test').post('/v1/images').times(2).reply(200, task);
      nock('https://api.vendor.test')
        .get('/v1/tasks/task-ssrf')
        .reply(200, { status: 'done', urls: [`${elsewhere.url}/internal.png`] });
      nock('https://api.vendor.test')
        .get('/v1/tasks/task-ssrf')
        .reply(200, { status: 'done', urls: ['https://cdn.vendor.test/a.png'] });
      nock('https://cdn.vendor.test')
        .get('/a.png')
        .reply(302, '', { location: 'http://169.254.169.254/latest/meta-data' });
      for (const expected of [/127\.0\.0\.1/, /169\.254\.169\.254/]) {
        const error = await failure(
          generateImage({
            provider: hostileProvider('https://api.vendor.test'),
            model: 'h-async',
            prompt: 'a cat',
            ...clocked(),
          }),
        );
        expect(error).toMatchObject({ code: 'BAD_RESPONSE', task: { taskId: 'task-ssrf' } });
        expect(error.message).toMatch(expected);
        expect(error.message).toMatch(/loopback, private or link-local .* not downloaded/);
      }
      expect(elsewhere.requests).toHaveLength(0);
    },
  );

  it('downloads from private addresses when the vendor itself lives there, or when the caller opts in', async () => {
    elsewhere.handle((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    taskVendor((_req, res) => json(res, 200, { status: 'done', urls: [`${elsewhere.url}/a.png`] }));
    expect(
      (await generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }))
        .images,
    ).toHaveLength(1);
    nock('https://api.vendor.test')
      .post('/v1/images')
      .reply(200, { id: 'task-ok' })
      .get('/v1/tasks/task-ok')
      .reply(200, { status: 'done', urls: [`${elsewhere.url}/b.png`] });
    const optedIn = await generateImage({
      provider: hostileProvider('https://api.vendor.test'),
      model: 'h-async',
      prompt: 'a cat',
      allowPrivateNetworkDownloads: true,
      ...clocked(),
    });
    expect(optedIn.images).toHaveLength(1);
    expect(elsewhere.requests.map((r) => r.url)).toEqual(['/a.png', '/b.png']);
  });
});
