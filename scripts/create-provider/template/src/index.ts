/**
 * __PACKAGE__: __NAME__ for ImageGate.
 * @packageDocumentation
 */
export { __FACTORY__, __CONST___BASE_URL, type __NAME__Provider, type __NAME__ProviderSettings } from './__ID__-provider.js';
export { __CONST___MODELS, type __NAME__ModelId } from './__ID__-models.js';
export { __CAMEL__ProviderOptionsSchema, type __NAME__ProviderOptions } from './__ID__-options.js';
export { map__NAME__Error, PROVIDER_ID as __CONST___PROVIDER_ID } from './__ID__-errors.js';
export type { __NAME__GenerationBody } from './__ID__-images-api.js';
