import { type Exchange, type FileShelf } from '@imagegate/testing/fakes';
import type { ModelSpec } from '@imagegate/core';
import { describeGptProtoModel, GPTPROTO_MODELS } from '../gptproto-models.js';
import type { EmulatedFormat } from './gptproto-emulator-images.js';

/** What the GPTProto emulator's routes share. */
export interface GptProtoEmulatorContext {
  /** Result files served under `/files/` (Flux and v3 outputs). */
  files: FileShelf;
  /** The emulator's origin, for result URLs. */
  publicUrl(): string;
  /** Pause between streamed events, ms. */
  streamIntervalMs: number;
  /** The image answered (see `GptProtoEmulatorOptions.renderImage`). */
  render(width: number, height: number, format: EmulatedFormat, seed: string, shade?: number): Uint8Array;
  /** Play the prompt's fault markers for this endpoint; true when that answered the request. */
  playMarkers(exchange: Exchange, prompt: string, endpoint: 'images' | 'generate-content'): Promise<boolean>;
}

/** GPTProto's wording for each status it documents. */
const MESSAGES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Invalid signature',
  402: 'Insufficient balance for the requested operation',
  403: "Your API key doesn't have permission to access this resource",
  404: 'Not found',
  429: "You've exceeded your rate limit",
  500: 'An internal server error occurred',
  502: 'Bad gateway',
  503: 'Service temporarily unavailable',
};

/** GPTProto's error body: `{"error":{"message","type"}}`, `type` being the status as a string. */
export function gptProtoErrorBody(status: number, message?: string): { error: { message: string; type: string } } {
  return { error: { message: message ?? MESSAGES[status] ?? `HTTP ${status}`, type: String(status) } };
}

/** Answer GPTProto's error. */
export function replyError(exchange: Exchange, status: number, message?: string): void {
  exchange.replyJson(status, gptProtoErrorBody(status, message));
}

/** The manifest entry of a model GPTProto serves (or would, by its family); undefined otherwise. */
export function specFor(model: string): ModelSpec | undefined {
  return GPTPROTO_MODELS.find((m) => m.id === model) ?? describeGptProtoModel(model);
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Seconds since the epoch, as `created` is stamped. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
