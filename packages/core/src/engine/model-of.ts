import { lookupModel } from '../manifest/lookup-model.js';
import type { ModelSpec, PollingHints } from '../manifest/model-spec.js';
import type { ImageProvider } from '../provider/image-provider.js';

/** The spec of a model by id: from the manifest, or the provider's `describeModel` for unlisted ids. */
export function modelOf(provider: ImageProvider, id: string): ModelSpec | undefined {
  return lookupModel(provider.models, id) ?? provider.describeModel?.(id);
}

/**
 * The polling hints for a task of this model: the model's own; for a model
 * not known (a task given by its id alone, as n8n's Task field allows), the
 * hints every asynchronous model of the provider shares, when they agree, so
 * a vendor's cadence holds however the task was named.
 */
export function pollingHintsOf(provider: ImageProvider, id: string): PollingHints | undefined {
  const own = id ? modelOf(provider, id)?.polling : undefined;
  if (own) return own;
  const all = provider.models.flatMap((m) => (m.async && m.polling ? [JSON.stringify(m.polling)] : []));
  return all.length > 0 && all.every((hints) => hints === all[0]) ? (JSON.parse(all[0]!) as PollingHints) : undefined;
}
