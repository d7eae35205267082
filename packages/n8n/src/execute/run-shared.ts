import type { ImageProvider, RunOptions } from '@imagegate/core';
import type { FailureContext } from './describe-failure.js';
import type { N8nResultDownloads } from '../transport/n8n-binary-store.js';

/** What every item of one execution shares. */
export interface RunShared {
  provider: ImageProvider;
  /** Engine options from the host: n8n's transport, sleep and cancel signal. */
  run: Pick<RunOptions, 'signal' | 'sleep' | 'transport' | 'maxRetries'>;
  /** Saves result downloads straight into n8n's binary store (its transport is `run.transport`). */
  downloads: N8nResultDownloads;
  /** How to name this node's provider when telling the user how to collect a task. */
  collect: Pick<FailureContext, 'providerName' | 'choosesProvider'>;
}
