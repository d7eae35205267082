// Replaces core's `#platform/open-telemetry` in n8n node bundles: a community node bundles no OpenTelemetry,
// and the node never asks for traces.
import type { TelemetryTracer } from '@imagegate/core/provider';

export async function loadTracer(): Promise<TelemetryTracer | undefined> {
  return undefined;
}
