import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { loadNock } from './contract-checks.js';

type Nock = {
  disableNetConnect(): void;
  enableNetConnect(host?: string): void;
  pendingMocks(): string[];
  abortPendingRequests(): void;
  cleanAll(): void;
  emitter: { on(event: string, listener: () => void): void; off(event: string, listener: () => void): void };
};

/**
 * nock for a test file: no real network (127.0.0.1 stays reachable for local
 * servers), and after each test every interceptor must have been used.
 * `unmatched()` counts requests that matched no interceptor in the current
 * test (0 proves that nothing was sent).
 */
export function useNock(): { unmatched: () => number } {
  let nock: Nock;
  let unmatched = 0;
  const onNoMatch = () => void unmatched++;
  beforeAll(async () => {
    nock = (await loadNock()) as unknown as Nock;
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.abortPendingRequests();
    nock.cleanAll();
    unmatched = 0;
    expect(pending, 'interceptors left unused').toEqual([]);
  });
  afterAll(() => {
    nock.emitter.off('no match', onNoMatch);
    nock.enableNetConnect();
  });
  return { unmatched: () => unmatched };
}
