import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { createFakeProvider, createSimulatedClock } from '@imagegate/testing';
import { cancelTask, generateImage, getTaskStatus, submitImage, waitForTask } from '../index.js';
import type { TelemetryTracer } from '../spec/telemetry.js';

/** A real SDK tracer whose finished spans are kept in memory. */
function sdk() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer('test') };
}

/** The one span a call left. */
function onlySpan(exporter: InMemorySpanExporter): ReadableSpan {
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

/** What an exporter would send of a span: name, attributes, events, status. */
function serialized(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
  );
}

const events = (span: ReadableSpan, name: string) => span.events.filter((e) => e.name === name);

describe('traces (RunOptions.telemetry)', () => {
  afterEach(() => trace.disable());

  it('puts a synchronous call on one CLIENT span: request, attempts, bytes, usage and cost', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider({ chargePerImage: { amount: 0.02, currency: 'USD' } });
    const result = await generateImage({
      provider,
      model: 'fake-sync',
      prompt: 'a lighthouse at dusk',
      size: '512x512',
      n: 2,
      telemetry: { tracer },
    });
    const span = onlySpan(exporter);
    expect(span.name).toBe('imagegate.generateImage');
    expect(span.kind).toBe(2);
    expect(span.status.code).toBe(0);
    const bytes = result.images.reduce((sum, image) => sum + image.data.byteLength, 0);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.output.type': 'image',
      'gen_ai.provider.name': 'fake',
      'gen_ai.request.model': 'fake-sync',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 200,
      'imagegate.provider': 'fake',
      'imagegate.model': 'fake-sync',
      'imagegate.size': '512x512',
      'imagegate.n': 2,
      'imagegate.attempts': 1,
      'imagegate.polls': 0,
      'imagegate.retries': 0,
      'imagegate.images': 2,
      'imagegate.bytes': bytes,
      'imagegate.task_ids': [],
      'imagegate.cost.amount': 0.04,
      'imagegate.cost.currency': 'USD',
      'imagegate.cost.basis': 'vendor',
    });
    expect(span.events.map((e) => e.name)).toEqual(['imagegate.submit']);
    expect(span.attributes['imagegate.prompt']).toBeUndefined();
    expect(serialized([span])).not.toContain('lighthouse');
  });

  it('traces an asynchronous task: its id, each poll, the download and a retry', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider({
      mode: 'async',
      pollsUntilDone: 2,
      script: { poll: [{ status: 503, json: { error: { message: 'busy' } } }] },
    });
    const clock = createSimulatedClock();
    const result = await generateImage({
      provider,
      model: 'fake-async',
      prompt: 'a cat',
      sleep: clock.sleep,
      now: clock.now,
      telemetry: { tracer },
    });
    const span = onlySpan(exporter);
    const taskId = result.tasks[0]!.taskId;
    const image = result.images[0]!;
    expect(span.attributes).toMatchObject({
      'imagegate.task_ids': [taskId],
      // One submit, three polls, one download, one retry of the first poll.
      'imagegate.attempts': 6,
      'imagegate.polls': 3,
      'imagegate.retries': 1,
      'imagegate.images': 1,
      'imagegate.bytes': image.data.byteLength,
    });
    expect(events(span, 'imagegate.submit')[0]!.attributes).toEqual({ 'imagegate.task_id': taskId });
    expect(events(span, 'imagegate.poll').map((e) => e.attributes)).toEqual([
      { 'imagegate.task_id': taskId, 'imagegate.state': 'running', 'imagegate.attempt': 1, 'imagegate.progress': 33 },
      { 'imagegate.task_id': taskId, 'imagegate.state': 'running', 'imagegate.attempt': 2, 'imagegate.progress': 67 },
      {
        'imagegate.task_id': taskId,
        'imagegate.state': 'succeeded',
        'imagegate.attempt': 3,
        'imagegate.progress': 100,
      },
    ]);
    expect(events(span, 'imagegate.download').map((e) => e.attributes)).toEqual([
      { 'imagegate.bytes': image.data.byteLength, 'imagegate.mime_type': 'image/png' },
    ]);
    expect(events(span, 'imagegate.retry')[0]!.attributes).toMatchObject({
      'imagegate.attempt': 1,
      'imagegate.reason': 'HTTP 503',
      'http.request.method': 'GET',
    });
  });

  it('counts the bytes of an image streamed into saveImage', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 0 });
    const clock = createSimulatedClock();
    const result = await generateImage({
      provider,
      model: 'fake-async',
      prompt: 'a cat',
      sleep: clock.sleep,
      now: clock.now,
      saveImage: async (image) => {
        for await (const _chunk of image.chunks);
        return 'kept';
      },
      telemetry: { tracer },
    });
    const span = onlySpan(exporter);
    const image = result.images[0]!;
    const bytes = image.data ? image.data.byteLength : image.byteLength;
    expect(image.data).toBeUndefined();
    expect(bytes).toBeGreaterThan(0);
    expect(span.attributes['imagegate.bytes']).toBe(bytes);
    expect(events(span, 'imagegate.download')[0]!.attributes).toEqual({
      'imagegate.bytes': bytes,
      'imagegate.mime_type': 'image/png',
    });
  });

  it('traces submitImage, getTaskStatus, waitForTask and cancelTask, each on its own span', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1 });
    const clock = createSimulatedClock();
    const run = { sleep: clock.sleep, now: clock.now, telemetry: { tracer } };
    const { tasks } = await submitImage({ provider, model: 'fake-async', prompt: 'a cat', ...run });
    const task = tasks[0]!;
    await getTaskStatus({ provider, task, ...run });
    await waitForTask({ provider, task, ...run });
    const second = (await submitImage({ provider, model: 'fake-async', prompt: 'a dog', ...run })).tasks[0]!;
    await cancelTask({ provider, task: second, ...run });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual([
      'imagegate.submitImage',
      'imagegate.getTaskStatus',
      'imagegate.waitForTask',
      'imagegate.submitImage',
      'imagegate.cancelTask',
    ]);
    expect(spans[0]!.attributes['imagegate.task_ids']).toEqual([task.taskId]);
    expect(spans[1]!.attributes).toMatchObject({ 'imagegate.state': 'running', 'imagegate.polls': 1 });
    expect(spans[2]!.attributes).toMatchObject({
      'imagegate.model': 'fake-async',
      'imagegate.task_ids': [task.taskId],
      'imagegate.images': 1,
    });
    expect(spans[4]!.attributes).toMatchObject({ 'imagegate.attempts': 1, 'imagegate.task_ids': [second.taskId] });
  });

  it('marks a failure ERROR with its code and message, and names the paid task', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider({
      mode: 'async',
      script: { poll: [{ status: 200, json: { status: 'failed', error: 'the model refused' } }] },
    });
    const clock = createSimulatedClock();
    const error = await failure(
      generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        sleep: clock.sleep,
        now: clock.now,
        telemetry: { tracer },
      }),
    );
    expect(error.code).toBe('TASK_FAILED');
    const span = onlySpan(exporter);
    expect(span.status).toEqual({ code: 2, message: `TASK_FAILED: ${error.message}` });
    expect(span.attributes).toMatchObject({
      'error.type': 'TASK_FAILED',
      'imagegate.error.code': 'TASK_FAILED',
      'imagegate.task_ids': [error.task!.taskId],
      'imagegate.polls': 1,
    });
    expect(events(span, 'exception')[0]!.attributes).toMatchObject({
      'exception.type': 'TASK_FAILED',
      'exception.message': error.message,
    });
    expect(events(span, 'imagegate.poll')[0]!.attributes).toMatchObject({ 'imagegate.state': 'failed' });
  });

  it('never puts the key on a span, whole or in part, even where the vendor and the prompt echo it', async () => {
    const key = 'sk-live-5f3a9c1e7b2d4f6a8c0e';
    const { exporter, tracer } = sdk();
    const echo = `key ${key} and ${key.slice(0, 14)}…, ${key.slice(-13)}`;
    const provider = createFakeProvider({
      apiKey: key,
      mode: 'async',
      script: {
        submit: [{ status: 503, json: { error: { message: `overloaded for ${echo}` } } }],
        poll: [{ status: 200, json: { status: 'failed', error: `refused ${echo}` } }],
      },
    });
    const clock = createSimulatedClock();
    const run = { sleep: clock.sleep, now: clock.now, telemetry: { tracer, recordPrompt: true } };
    // A first call sends the key (registering it as a secret); its 503 refusal is retried.
    await failure(generateImage({ provider, model: 'fake-async', prompt: 'a cat', maxRetries: 0, ...run }));
    await failure(generateImage({ provider, model: 'fake-async', prompt: `a cat, ${echo}`, ...run }));
    const text = serialized(exporter.getFinishedSpans());
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('a cat');
    for (let i = 0; i + 12 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 12));
  });

  it('records the prompt only with recordPrompt: true', async () => {
    const { exporter, tracer } = sdk();
    const provider = createFakeProvider();
    await generateImage({ provider, model: 'fake-sync', prompt: 'a red fox', telemetry: { tracer } });
    await generateImage({
      provider,
      model: 'fake-sync',
      prompt: 'a red fox',
      telemetry: { tracer, recordPrompt: true },
    });
    const [quiet, told] = exporter.getFinishedSpans();
    expect(quiet!.attributes['imagegate.prompt']).toBeUndefined();
    expect(told!.attributes['imagegate.prompt']).toBe('a red fox');
  });

  it("uses @opentelemetry/api's global tracer when none is given", async () => {
    const { exporter, provider: tracerProvider } = sdk();
    trace.setGlobalTracerProvider(tracerProvider);
    await generateImage({ provider: createFakeProvider(), model: 'fake-sync', prompt: 'a cat', telemetry: {} });
    const span = onlySpan(exporter);
    expect(span.instrumentationScope.name).toBe('@imagegate/core');
    expect(span.attributes['imagegate.images']).toBe(1);
  });

  it('does not let a tracer that throws fail the call: its trouble becomes a warning', async () => {
    const throwing = (): never => {
      throw new Error('exporter down');
    };
    const spanThatThrows = {
      setAttribute: throwing,
      setAttributes: throwing,
      addEvent: throwing,
      setStatus: throwing,
      recordException: throwing,
      end: throwing,
    };
    const provider = createFakeProvider({ mode: 'async', pollsUntilDone: 1 });
    const clock = createSimulatedClock();
    const run = { sleep: clock.sleep, now: clock.now };
    for (const tracer of [
      { startSpan: throwing },
      { startSpan: throwing, startActiveSpan: throwing },
      { startSpan: () => spanThatThrows },
      {
        startSpan: throwing,
        startActiveSpan: (_n: string, _o: unknown, fn: (s: unknown) => unknown) => fn(spanThatThrows),
      },
    ] as TelemetryTracer[]) {
      const result = await generateImage({
        provider,
        model: 'fake-async',
        prompt: 'a cat',
        ...run,
        telemetry: { tracer },
      });
      expect(result.images).toHaveLength(1);
      expect(result.warnings.join('\n')).toMatch(/^telemetry: the tracer's \w+ threw and was ignored: exporter down/m);
    }
    // Once per call, whatever the tracer does: a span started twice must not submit twice.
    const twice = {
      startSpan: () => spanThatThrows,
      startActiveSpan: (_n: string, _o: unknown, fn: (s: unknown) => unknown) => {
        fn(spanThatThrows);
        return fn(spanThatThrows);
      },
    } as TelemetryTracer;
    const sync = createFakeProvider();
    await generateImage({ provider: sync, model: 'fake-sync', prompt: 'a cat', telemetry: { tracer: twice } });
    expect(sync.vendor.requests).toHaveLength(1);
  });

  it('refuses a wrong telemetry option before any request, naming the field', async () => {
    const provider = createFakeProvider();
    const cases: Array<[unknown, string]> = [
      [true, 'telemetry'],
      [null, 'telemetry'],
      ['on', 'telemetry'],
      [[], 'telemetry'],
      [{ tracer: {} }, 'telemetry.tracer'],
      [{ tracer: 'otel' }, 'telemetry.tracer'],
      [{ tracer: { startSpan: () => undefined, startActiveSpan: 1 } }, 'telemetry.tracer'],
      [{ recordPrompt: 'yes' }, 'telemetry.recordPrompt'],
      [{ recordPrompts: true }, 'telemetry.recordPrompts'],
    ];
    for (const [telemetry, field] of cases) {
      const error = await failure(generateImage({ provider, model: 'fake-sync', prompt: 'a cat', telemetry } as never));
      expect([error.code, error.field]).toEqual(['INVALID_REQUEST', field]);
    }
    expect(provider.vendor.requests).toHaveLength(0);
  });
});
