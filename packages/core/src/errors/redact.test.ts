/**
 * Redaction: credentials in URLs, and any 12 characters of a registered key.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { leaksSecret, registerSecret } from '../provider.js';
import { generateImage, ImageGateError } from '../index.js';
import { hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { clocked, useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

describe('vendor text stays text; secrets stay secret', () => {
  it('strips credentials from URLs in every message', async () => {
    vendor.handle((req, res) => {
      if (req.method === 'POST') return json(res, 200, { id: 'task-creds' });
      json(res, 200, {
        status: 'done',
        urls: [`http://admin:hunter2-password@127.0.0.1:${new URL(vendor.url).port}/files/a.png`],
      });
    });
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-async', prompt: 'a cat', ...clocked() }),
    );
    expect(error.task).toMatchObject({ taskId: 'task-creds' });
    const label = new ImageGateError(
      'BAD_RESPONSE',
      'returned https://user:pa55@cdn.vendor.test/a.png as 9 bytes, and https://u:p@ss@h.test/',
      { vendorMessage: 'see ftp://u:p@x.test/' },
    );
    const everything = [error.message, error.stack, JSON.stringify(error), label.message, label.vendorMessage].join(
      '\n',
    );
    expect(everything).not.toMatch(/admin|hunter2|pa55|u:p@|ss@/);
    expect(label.message).toBe('returned https://cdn.vendor.test/a.png as 9 bytes, and https://h.test/');
  });
});

describe('redaction', () => {
  it('treats any 12-character run of a registered key as the key', () => {
    const key = `sk-${randomBytes(16).toString('hex')}`;
    registerSecret(key);
    const message = new ImageGateError(
      'PROVIDER_ERROR',
      `key was ${key.slice(0, 20)}… (truncated), or ${key.slice(-14)}`,
    ).message;
    expect(leaksSecret(message, key)).toBe(false);
    expect(message).toBe('key was [REDACTED]… (truncated), or [REDACTED]');
  });
});
