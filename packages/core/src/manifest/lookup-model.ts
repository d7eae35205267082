import type { ModelSpec } from './model-spec.js';

/** The manifest entry a model id or one of its aliases names; undefined when none does. */
export function lookupModel<M extends Pick<ModelSpec, 'id' | 'aliases'>>(models: readonly M[], id: string): M | undefined {
  return models.find((m) => m.id === id) ?? models.find((m) => m.aliases?.includes(id));
}
