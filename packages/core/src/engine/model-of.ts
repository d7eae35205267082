import { lookupModel } from '../manifest/lookup-model.js';
import type { ModelSpec } from '../manifest/model-spec.js';
import type { ImageProvider } from '../provider/image-provider.js';

/** The spec of a model by id: from the manifest, or the provider's `describeModel` for unlisted ids. */
export function modelOf(provider: ImageProvider, id: string): ModelSpec | undefined {
  return lookupModel(provider.models, id) ?? provider.describeModel?.(id);
}
