import type { ModelSpec } from '../spec/model-spec.js';

/** What a model id is resolved against: a provider, a provider definition, or a bare list of models. */
export interface ModelSource<M> {
  readonly models: readonly M[];
  /** A spec for an id that is not in `models` (see `ImageProvider.describeModel`). */
  describeModel?(id: string): M | undefined;
}

/**
 * The model an id names: the manifest entry with that id, else the one with
 * that alias, else what the source's `describeModel` makes of it; undefined
 * when none does (and for a missing or blank id). The engine resolves a
 * request's (or a task's) model once and hands the result on.
 */
export function resolveModel<M extends Pick<ModelSpec, 'id' | 'aliases'>>(
  source: ModelSource<M>,
  id: string,
): M | undefined {
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  return (
    source.models.find((m) => m.id === id) ??
    source.models.find((m) => m.aliases?.includes(id)) ??
    source.describeModel?.(id)
  );
}
