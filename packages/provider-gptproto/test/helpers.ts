import type { ImageRequest, RunOptions } from '@imagegate/core';
import { createGptProto, type GptProtoProviderSettings } from '../src/index.js';
import { KEY } from './vendor-answers.js';

export { captureImageGateError as failure, multipartParts, useNock } from '@imagegate/testing';
import { bodyBytes } from '@imagegate/testing';

/** The provider under test, on the default base URL (nock intercepts it). */
export function provider(settings: Partial<GptProtoProviderSettings> = {}) {
  return createGptProto({ apiKey: KEY, ...settings });
}

/** Options for generateImage without waits: a simulated sleep that records its delays. */
export function quick(): Pick<RunOptions, 'sleep'> & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

/** A multipart body as nock hands it, as text (binary parts as latin1). */
export function multipartText(body: unknown): string {
  return bodyBytes(body).toString('latin1');
}

export type Req = Partial<ImageRequest> & { model: string };
