import type { ModelSpec } from '../manifest/model-spec.js';
import type { ImageProvider } from '../provider/image-provider.js';

/** The spec of a model by id: from the manifest, or the provider's `describeModel` for unlisted ids. */
export function modelOf(provider: ImageProvider, id: string): ModelSpec | undefined {
  return provider.models.find((m) => m.id === id) ?? provider.describeModel?.(id);
}
