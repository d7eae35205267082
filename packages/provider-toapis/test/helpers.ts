import { expect } from 'vitest';
import { createToApis, type ToApisProviderSettings } from '../src/index.js';
import { KEY } from './vendor-answers.js';

export { bodyBytes, captureImageGateError as failure, multipartParts, useNock } from '@imagegate/testing';

/** The provider under test on the default base URL (nock intercepts it). */
export function provider(settings: Partial<ToApisProviderSettings> = {}) {
  return createToApis({ apiKey: KEY, ...settings });
}

/** Assert the API key appears nowhere in a value (error, result) a caller could log. */
export function expectNoKey(value: unknown): void {
  const texts = [JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v))];
  if (value instanceof Error)
    texts.push(value.message, value.stack ?? '', String((value as { cause?: unknown }).cause ?? ''));
  for (const t of texts) expect(t).not.toContain(KEY);
}
