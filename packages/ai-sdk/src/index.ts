/**
 * @imagegate/ai-sdk: every ImageGate provider, ours or a third party's, as a Vercel AI SDK image provider. Call the
 * AI SDK's `generateImage` with `imagegate(provider).imageModel(id)`: ImageGate validates the request against the
 * model's manifest before anything is sent, waits for asynchronous tasks, and never lets a retry pay twice.
 * @packageDocumentation
 */
export { imagegate, type ImageGateAiProvider } from './imagegate-provider.js';
export { ImageGateImageModel } from './imagegate-image-model.js';
export type { ImageGateAiSettings } from './settings.js';
export type { ImageGateProviderOptions, RequestOption } from './provider-options.js';
export { retryableInAiSdk } from './ai-sdk-errors.js';
