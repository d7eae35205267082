import { PROVIDER_OPTIONS_KEY, REQUEST_OPTION_NAMES } from './provider-options.js';

/**
 * The AI SDK argument an ImageGate request field came from, so an error names what the caller wrote:
 * `images[0]` is `files[0]`, `quality` is `providerOptions.imagegate.quality`, the provider's own options sit under
 * `providerOptions.imagegate` too, an option of `imagegate(provider, settings)` is named as a setting, and `size`
 * is whichever of `size` and `aspectRatio` it was taken from.
 */
export function argumentOf(
  field: string | undefined,
  sizeFrom: 'size' | 'aspectRatio' | undefined,
  settings: ReadonlySet<string>,
): string {
  if (field === undefined || field === '') return 'options';
  const [head = '', ...rest] = field.split(/(?=[.[])/);
  const tail = rest.join('');
  if (settings.has(head)) return `imagegate() settings.${field}`;
  if (head === 'images') return `files${tail}`;
  if (head === 'signal') return 'abortSignal';
  if (head === 'size') return sizeFrom ?? 'size';
  if (head === 'providerOptions') return `providerOptions.${PROVIDER_OPTIONS_KEY}${tail}`;
  if (REQUEST_OPTION_NAMES.has(head)) return `providerOptions.${PROVIDER_OPTIONS_KEY}.${field}`;
  return field;
}
