/**
 * __PACKAGE__: __NAME__ for ImageGate, text-to-image as predictions that
 * `@imagegate/core` polls, downloads and cancels.
 * @packageDocumentation
 */
export { __FACTORY__, __CAMEL__, type __NAME__Provider } from './__ID__-provider.js';
export { __CONST___ACCOUNT, __CONST___BASE_URL } from './__ID__-account.js';
export { __CONST___MODELS, type __NAME__ModelId } from './__ID__-models.js';
export type { __NAME__ProviderOptions } from './__ID__-options.js';
