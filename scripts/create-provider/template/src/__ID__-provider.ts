import { defineProvider, ImageGateError, type ImageProvider, type ProviderSettings } from '@imagegate/core/provider';
import { __CONST___ACCOUNT } from './__ID__-account.js';
import { map__NAME__Error } from './__ID__-errors.js';
import { __CONST___MODELS, type __NAME__ModelId } from './__ID__-models.js';
import { __CAMEL__ProviderOptionsSchema, type __NAME__ProviderOptions } from './__ID__-options.js';
import { createPrediction } from './__ID__-predictions-api.js';
import { cancelPrediction, getPrediction } from './__ID__-tasks-api.js';

/** The __NAME__ image provider. */
export type __NAME__Provider = ImageProvider<__NAME__ModelId>;

/**
 * __NAME__, declared once. Core derives the rest: the key check and redaction, the auth header, the HTTP
 * client (`ctx.http`), the parsed provider options (`ctx.options`); its engine polls, downloads and cancels.
 */
export const __CAMEL__ = defineProvider<__NAME__ModelId, __NAME__ProviderOptions, Record<never, never>>({
  ...__CONST___ACCOUNT,
  models: __CONST___MODELS,
  providerOptions: __CAMEL__ProviderOptionsSchema,
  mapError: map__NAME__Error,
  validate(request, model) {
    // A provider option only one model takes, refused on the others before any request.
    if (request.providerOptions?.negativePrompt !== undefined && model.id !== '__ID__-image-1') {
      throw new ImageGateError('UNSUPPORTED', `${model.id} takes no negativePrompt; __ID__-image-1 does.`, {
        field: 'providerOptions.negativePrompt',
        provider: '__ID__',
        model: model.id,
      });
    }
  },
  submit: createPrediction,
  getTask: getPrediction,
  cancelTask: cancelPrediction,
});

/**
 * Create the __NAME__ provider for one account: `apiKey` (sent as
 * `Authorization: Bearer <key>`), `baseUrl`, `headers`, `transport`.
 */
export function __FACTORY__(settings: ProviderSettings): __NAME__Provider {
  return __CAMEL__.create(settings);
}
