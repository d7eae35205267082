// Replaces core's undici-based default transport in the n8n bundle: the node
// always passes n8n's own transport, so undici never ships in dist/.
import type { HttpTransport } from '@imagegate/core';

const unavailable = (): never => {
  throw new Error('ImageGate in n8n sends HTTP through n8n; no default transport is bundled.');
};

export const createFetchTransport = (): HttpTransport => unavailable();
export const defaultTransport = (): HttpTransport => unavailable();
