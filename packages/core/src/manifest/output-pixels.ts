import type { ModelSpec } from '../spec/model-spec.js';
import { parsePixelSize } from './size.js';

/**
 * The `WxH` a model makes for a size and resolution tier, as its manifest
 * documents it; undefined when the manifest does not say (or for `auto`).
 * Unset fields take the model's defaults, as validation does.
 *
 * @example outputPixels(model, { size: '16:9', resolution: '2K' }) // '2752x1536'
 */
export function outputPixels(
  model: Pick<ModelSpec, 'sizes' | 'defaultSize' | 'resolution'>,
  request: { size?: string; resolution?: string } = {},
): string | undefined {
  const size = request.size ?? model.defaultSize;
  if (size === undefined) return undefined;
  const tier = request.resolution ?? model.resolution?.default;
  if (tier !== undefined) return model.resolution?.pixels?.[tier]?.[size];
  if (model.sizes.kind === 'aspect-ratio') return model.sizes.resolutions?.[size];
  return parsePixelSize(size) ? size : undefined;
}
