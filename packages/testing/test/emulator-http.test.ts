import { describe, expect, it } from 'vitest';
import { listen, type EmulatorRequest } from '../src/fakes.js';

describe('the emulator kit log', () => {
  it('masks every credential: the well-known ones, key-like names and the header the account declares', async () => {
    const log: EmulatorRequest[] = [];
    const server = await listen(
      async (exchange) => exchange.replyJson(200, { ok: true }),
      (entry) => log.push(entry),
      (status, message) => ({ status, message }),
      {},
      { auth: { header: 'X-Acme' } },
    );
    try {
      await fetch(`${server.url}/v1/x`, {
        headers: {
          authorization: 'Bearer sk-one-secret',
          'x-key': 'two-secret',
          'x-acme': 'three-secret',
          'x-auth-token': 'four-secret',
          'x-request-id': 'req-7',
        },
      });
    } finally {
      await server.close();
    }
    expect(log[0]!.headers).toMatchObject({
      authorization: 'Bearer ***',
      'x-key': '***',
      'x-acme': '***',
      'x-auth-token': '***',
      'x-request-id': 'req-7',
    });
    expect(JSON.stringify(log)).not.toMatch(/secret/);
  });
});
