import type { ModelSpec, PollingHints } from '../spec/model-spec.js';
import { resolveModel, type ModelSource } from './resolve-model.js';

/**
 * The polling hints for a task of a resolved model: the model's own; for a
 * model not known (a task given by its id alone, as n8n's Task field allows),
 * the hints every asynchronous model of the provider shares, when they agree,
 * so a vendor's cadence holds however the task was named.
 */
export function pollingHints(
  provider: Pick<ModelSource<ModelSpec>, 'models'>,
  model: ModelSpec | undefined,
): PollingHints | undefined {
  if (model?.polling) return model.polling;
  const all = provider.models.flatMap((m) => (m.async && m.polling ? [JSON.stringify(m.polling)] : []));
  return all.length > 0 && all.every((hints) => hints === all[0]) ? (JSON.parse(all[0]!) as PollingHints) : undefined;
}

/** {@link pollingHints} for a model id: for hosts that hold a task handle and no resolved model. */
export function pollingHintsOf(provider: ModelSource<ModelSpec>, id: string): PollingHints | undefined {
  return pollingHints(provider, resolveModel(provider, id));
}
