import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createSimulatedClock } from '@imagegate/testing/fakes';
import { json, startHostileServer, type HostileServer } from './hostile-server.js';

/**
 * Two hostile servers (the vendor and somewhere else) for one test file:
 * started before, reset after each test (no nock mock left pending), closed after.
 */
export function useHostileServers(): { vendor: HostileServer; elsewhere: HostileServer } {
  const servers = {} as { vendor: HostileServer; elsewhere: HostileServer };
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    servers.vendor = await startHostileServer();
    servers.elsewhere = await startHostileServer();
  });
  afterEach(() => {
    servers.vendor.reset();
    servers.elsewhere.reset();
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(async () => {
    await servers.vendor.close();
    await servers.elsewhere.close();
    nock.enableNetConnect();
  });
  return servers;
}

/** A simulated clock's sleep and now, to pass as run options. */
export function clocked() {
  const clock = createSimulatedClock();
  return { clock, sleep: clock.sleep, now: clock.now };
}

/** Requests of one kind the server saw. */
export const seen = (server: HostileServer, method: string, prefix: string) =>
  server.requests.filter((r) => r.method === method && r.url.startsWith(prefix)).length;

export { json };
