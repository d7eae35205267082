import { InvalidArgumentError } from '@ai-sdk/provider';
import type { RunOptions } from '@imagegate/core';

/** The run options an AI SDK model takes from `imagegate(provider, settings)`, for every call it makes. */
export const SETTING_KEYS = [
  'timeoutMs',
  'maxRetries',
  'poll',
  'concurrency',
  'maxDownloadBytes',
  'allowPrivateNetworkDownloads',
  'cancelOnAbort',
  'onProgress',
  'onRetry',
  'onResponse',
  'transport',
  'sleep',
  'now',
  'prices',
  'maxCost',
  'telemetry',
] as const satisfies ReadonlyArray<keyof RunOptions>;

/**
 * Settings of {@link imagegate}: ImageGate's run options for every call (deadline, HTTP retries, poll timings,
 * progress callbacks). ImageGate checks them at each call, before any request. The AI SDK's own per-call options
 * (`abortSignal`, `headers`, `maxRetries` of `generateImage`) are separate: `maxRetries` here is ImageGate's retries
 * of one HTTP call, which never resend a billable submit the vendor may have taken. `prices` and `maxCost` apply
 * to each call the AI SDK makes: it splits `n` into calls of at most `maxImagesPerCall` images.
 */
export type ImageGateAiSettings = Pick<RunOptions, (typeof SETTING_KEYS)[number]>;

const KNOWN: ReadonlySet<string> = new Set(SETTING_KEYS);

/** The settings as given, refused at once when they are not an object or name an option that is not one of them. */
export function checkSettings(settings: unknown): ImageGateAiSettings {
  if (settings === undefined) return {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    throw new InvalidArgumentError({
      argument: 'settings',
      message: `imagegate(provider, settings): settings must be an object of run options; got ${describe(settings)}.`,
    });
  for (const key of Object.keys(settings))
    if (!KNOWN.has(key))
      throw new InvalidArgumentError({
        argument: `settings.${key}`,
        message:
          `imagegate(provider, settings): "${key}" is not a setting. Accepted: ${SETTING_KEYS.join(', ')}. ` +
          'Images always come back as bytes; per-call headers and the abort signal are generateImage options.',
      });
  return settings as ImageGateAiSettings;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
