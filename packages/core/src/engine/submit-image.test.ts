/**
 * submitImage keeps what it submitted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { submitImage } from '../index.js';
import { hostileProvider, json, type HostileServer, submitCount } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const submits = () => submitCount(vendor);

describe('a careless caller, a hostile vendor: what review found', () => {
  it('submitImage keeps what it submitted when a later submit fails', async () => {
    let posts = 0;
    vendor.handle((_req, res) =>
      ++posts === 1 ? json(res, 200, { id: 'task-first' }) : json(res, 500, { error: { message: 'boom' } }),
    );
    const result = await submitImage({
      provider: hostileProvider(vendor.url),
      model: 'h-async',
      prompt: 'a cat',
      n: 3,
    });
    expect(result.tasks.map((t) => t.taskId)).toEqual(['task-first']);
    expect(result.warnings.join()).toMatch(/Submitted 1 of 3 calls; the next failed \(PROVIDER_ERROR/);
    expect(submits()).toBe(2);
  });
});
