// What tracing costs a call: generateImage without `telemetry` and with it, on a real OpenTelemetry SDK tracer
// (BasicTracerProvider, SimpleSpanProcessor, an in-memory exporter emptied as it goes), interleaved in one run.
// Two workloads: the local vendor's 1.5 MB base64 answer (a real call's shape), and a provider that answers a tiny
// PNG in process (no HTTP), where the span's own cost is the largest share it can be.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { generateImage } from '../dist/index.js';
import { pngOfSize } from '../../testing/dist/fakes.js';
import { minimalProvider } from './clients.mjs';
import { interleavedMedians } from './stats.mjs';

/** A provider that answers one small PNG at once, in process. */
function inProcessProvider() {
  const png = pngOfSize(2_000);
  return {
    specificationVersion: 'v1',
    id: 'bench-local',
    name: 'Bench (in process)',
    models: [{ ...minimalProvider('http://127.0.0.1').models[0] }],
    async submit() {
      return { type: 'images', images: [{ data: png }], usage: { inputTokens: 8, outputTokens: 196 } };
    },
  };
}

/** Medians of both variants for each workload, and their ratio (traced / untraced). */
export async function tracingBench(baseUrl, rounds) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = tracerProvider.getTracer('bench');
  const variants = (provider) => ({
    async untraced() {
      await generateImage({ provider, model: 'bench-image', prompt: 'a cat' });
    },
    async traced() {
      await generateImage({ provider, model: 'bench-image', prompt: 'a cat', telemetry: { tracer } });
      exporter.reset();
    },
  });
  const rows = [];
  for (const [workload, provider, times] of [
    ['local vendor, 1.5 MB base64 answer', minimalProvider(baseUrl), rounds * 3],
    ['in-process provider, 2 kB PNG', inProcessProvider(), rounds * 50],
  ]) {
    const { untraced, traced } = await interleavedMedians(variants(provider), times, 20);
    rows.push({ workload, untraced, traced, ratio: traced / untraced });
  }
  await tracerProvider.shutdown();
  return rows;
}
