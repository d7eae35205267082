// Replaces core's `#platform/fetch-transport` (undici) in n8n node bundles:
// the node always passes n8n's own transport, so undici never ships in dist/.
import type { HttpTransport } from '@imagegate/core';

export type { FetchTransportOptions } from '@imagegate/core/provider';

const unavailable = (): never => {
  throw new Error('ImageGate in n8n sends HTTP through n8n; no default transport is bundled.');
};

export const createFetchTransport = (): HttpTransport => unavailable();
export const defaultTransport = (): HttpTransport => unavailable();
