import { useNock } from '@imagegate/testing';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { executeFunctions } from '../../test/execute-functions.js';
import { credentials, node, TOAPIS, TOAPIS_KEY } from '../../test/run-node.js';
import { n8nTransport } from './n8n-transport.js';

useNock();

describe("the vendor transport over n8n's helpers", () => {
  // n8n writes the credential into every request it authenticates: the transport asks it to only where core put the
  // credential header, so what core keeps off other hosts (an anonymous request, a hop elsewhere) stays off.
  it('has n8n apply the credential only to a request that carries its header', async () => {
    const fns = executeFunctions(node, { credentials, parameters: {} });
    const transport = n8nTransport(fns, 'imageGateToApisApi');
    nock(TOAPIS, { reqheaders: { authorization: `Bearer ${TOAPIS_KEY}` } })
      .get('/v1/models')
      .reply(200, {});
    nock('https://cdn.elsewhere.test', { badheaders: ['authorization'] })
      .get('/r.png')
      .reply(200, 'png');
    const signal = new AbortController().signal;
    const api = await transport({
      method: 'GET',
      url: `${TOAPIS}/v1/models`,
      headers: { authorization: 'Bearer core-written' },
      signal,
    });
    const elsewhere = await transport({ method: 'GET', url: 'https://cdn.elsewhere.test/r.png', headers: {}, signal });
    expect([api.status, elsewhere.status]).toEqual([200, 200]);
  });
});
