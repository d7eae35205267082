/**
 * Platform module: the tracer of `@opentelemetry/api`, an optional peer
 * dependency, imported only when a call asks for traces without a tracer of
 * its own. Core imports it only as `#platform/open-telemetry`; a host bundle
 * without OpenTelemetry (n8n community nodes) puts its own in its place.
 */
import type { TelemetryTracer } from '../spec/telemetry.js';

let api: Promise<{ trace: { getTracer(name: string): TelemetryTracer } } | undefined> | undefined;

/** `trace.getTracer('@imagegate/core')` of the installed `@opentelemetry/api`; undefined when it is not installed. */
export async function loadTracer(): Promise<TelemetryTracer | undefined> {
  // Imported once; the tracer is taken per call, so a tracer provider registered later is used from then on.
  api ??= import('@opentelemetry/api').catch(() => undefined);
  return (await api)?.trace.getTracer('@imagegate/core');
}
