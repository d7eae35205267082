import { afterAll, beforeAll, describe, it } from 'vitest';
import { contractChecks, loadNock } from './contract-checks.js';
import type { ProviderContractOptions } from './contract-types.js';

/**
 * Register the provider contract as vitest tests. Call it from a test file of
 * the provider package with a factory and the named scenarios implemented as
 * that vendor's answers; scenarios the manifest does not need show as skipped.
 *
 * @example
 * describeProviderContract({
 *   createProvider: ({ apiKey, transport }) => createAcme({ apiKey, transport, baseUrl: BASE }),
 *   scenarios: {
 *     generate: { request: { model: 'acme-1' }, setup: () => { nock(BASE).post('/v1/images').reply(200, body) } },
 *     …
 *   },
 * });
 */
export function describeProviderContract(options: ProviderContractOptions): void {
  const checks = contractChecks(options);
  const probeName = options.name ?? 'provider';
  describe(`${probeName} contract`, () => {
    let restoreNet: (() => void) | undefined;
    beforeAll(async () => {
      // Nothing in a contract run may reach a real vendor.
      const nock = (await loadNock()) as unknown as
        { disableNetConnect?: () => void; enableNetConnect?: () => void } | undefined;
      if (nock?.disableNetConnect && !options.transport) {
        nock.disableNetConnect();
        restoreNet = () => nock.enableNetConnect?.();
      }
    });
    afterAll(() => restoreNet?.());
    for (const check of checks) {
      if (check.skip) it.skip(`${check.name} (${check.skip})`, () => undefined);
      else it(check.name, () => check.run());
    }
  });
}
