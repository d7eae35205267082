/**
 * What core needs of an OpenTelemetry tracer, written out structurally so
 * that core has no dependency on `@opentelemetry/api`: its `Tracer` (from
 * `trace.getTracer(…)`, or an SDK provider's `getTracer(…)`) fits as it is.
 */

/** A span attribute's value, as OpenTelemetry takes it. */
export type TelemetryAttributeValue = string | number | boolean | string[] | number[];

/** Span attributes by name. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue>;

/** The part of an OpenTelemetry `Span` core calls. */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  setAttributes(attributes: TelemetryAttributes): unknown;
  addEvent(name: string, attributes?: TelemetryAttributes): unknown;
  /** `code` 2 is ERROR, as OpenTelemetry's `SpanStatusCode.ERROR`. */
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: { name: string; message: string; code?: string; stack?: string }): unknown;
  end(): unknown;
}

/** Span options core passes: `kind` 2 is CLIENT, as OpenTelemetry's `SpanKind.CLIENT`. */
export interface TelemetrySpanOptions {
  kind?: number;
  attributes?: TelemetryAttributes;
}

/**
 * The part of an OpenTelemetry `Tracer` core calls. With `startActiveSpan`
 * the call's span is the active one while it runs, so spans of the HTTP
 * instrumentation, if any, nest under it.
 */
export interface TelemetryTracer {
  startSpan(name: string, options?: TelemetrySpanOptions): TelemetrySpan;
  startActiveSpan?<F extends (span: TelemetrySpan) => unknown>(
    name: string,
    options: TelemetrySpanOptions,
    fn: F,
  ): ReturnType<F>;
}

/**
 * `RunOptions.telemetry`: given, the call is traced, one span with its
 * events (see core's README, "Traces").
 */
export interface TelemetryOptions {
  /**
   * The tracer to use. Without one, core loads `@opentelemetry/api` (an
   * optional peer dependency) and takes `trace.getTracer('@imagegate/core')`.
   */
  tracer?: TelemetryTracer;
  /** Put the prompt on the span (`imagegate.prompt`). Default false: prompts may be private. */
  recordPrompt?: boolean;
}
