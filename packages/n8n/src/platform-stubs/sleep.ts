// Replaces core's `#platform/sleep` (timers) in n8n node bundles: the node
// always passes n8n-workflow's abortable sleep.
import type { SleepFunction } from '@imagegate/core';

export const abortableSleep: SleepFunction = () =>
  Promise.reject(new Error('ImageGate in n8n sleeps through n8n; no default sleep is bundled.'));
