import type { ImageProvider, RunOptions } from '@imagegate/core';
import { NodeOperationError, sleep, type IExecuteFunctions } from 'n8n-workflow';
import { n8nBinaryStore, type N8nBinaryStore } from '../host/n8n-binary-store.js';
import { n8nTransport } from '../host/n8n-transport.js';
import { automaticAuth, credentialPrices, PRICES_FIELD } from '../provider/credential.js';
import type { NodeProvider } from '../provider/node-provider.js';
import type { FailureContext } from './describe-failure.js';

/** What every item of one execution shares. */
export interface RunShared {
  provider: ImageProvider;
  /** Engine options from the host: n8n's transport, sleep and cancel signal; the credential's Prices. */
  run: Pick<RunOptions, 'signal' | 'sleep' | 'transport' | 'maxRetries' | 'prices'>;
  /** n8n's binary store: result downloads go straight into it (its transport is `run.transport`). */
  store: N8nBinaryStore;
  /** How to name this node's provider when telling the user how to collect a task. */
  collect: Pick<FailureContext, 'providerName' | 'choosesProvider'>;
}

/**
 * Set up one execution on the selected provider: its credential (its Prices
 * checked here, before any item is sent), the provider over n8n's HTTP
 * helpers, n8n's sleep and cancel signal, and the binary store for result
 * downloads.
 */
export async function startRun(
  fns: IExecuteFunctions,
  entry: NodeProvider,
  choosesProvider: boolean,
): Promise<RunShared> {
  const credentials = await fns.getCredentials(entry.credentialType);
  const { prices, problem } = credentialPrices(credentials.prices);
  if (problem)
    throw new NodeOperationError(fns.getNode(), `The ${entry.displayName} credential's ${problem}`, {
      description: `Correct ${PRICES_FIELD} in the credential, or empty it to use the list prices. Nothing was sent.`,
    });
  const store = n8nBinaryStore(fns);
  return {
    // With Automatic, core writes the key itself (so it can try the other form on a 401); otherwise n8n applies the
    // credential.
    // The store watches the vendor's transport too: inline images are stored as they are decoded.
    provider: entry.create(
      credentials,
      store.watch(
        n8nTransport(
          fns,
          entry.definition.credentials.auth.schemes.length > 1 && automaticAuth(credentials)
            ? undefined
            : entry.credentialType,
          entry.definition.credentials.auth.header,
        ),
      ),
    ),
    run: {
      // Stopping the execution in the UI stops HTTP and polling at once.
      signal: fns.getExecutionCancelSignal(),
      sleep: (ms, signal) => sleep(ms, signal),
      // Result downloads go to the vendor's CDN without the credential.
      transport: store.transport,
      maxRetries: 2,
      ...(prices ? { prices } : {}),
    },
    store,
    collect: { providerName: entry.displayName, choosesProvider },
  };
}
