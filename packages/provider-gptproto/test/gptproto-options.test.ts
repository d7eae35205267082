import { describe, expect, it } from 'vitest';
import { gptProtoProviderOptionsSchema } from '../src/gptproto-options.js';

describe('gptProtoProviderOptionsSchema', () => {
  it('accepts the streaming options with a function callback, and passes the function through unwrapped', () => {
    const onPartialImage = () => undefined;
    const parsed = gptProtoProviderOptionsSchema.parse({
      stream: true,
      partialImages: 3,
      onPartialImage,
      user: 'u',
      inputFidelity: 'low',
    });
    expect(parsed.onPartialImage).toBe(onPartialImage);
    expect(gptProtoProviderOptionsSchema.safeParse({ stream: true, partialImages: 0 }).success).toBe(true);
    expect(gptProtoProviderOptionsSchema.safeParse({ responseModalities: ['IMAGE'] }).success).toBe(true);
    expect(gptProtoProviderOptionsSchema.safeParse({}).success).toBe(true);
  });

  it('refuses what the vendor would not take', () => {
    const refused = [
      { stream: true, partialImages: -1 },
      { stream: true, partialImages: 1.5 },
      { stream: true, onPartialImage: 42 },
      { onPartialImage: () => undefined },
      { stream: 'yes' },
      { responseModalities: [] },
      { responseModalities: ['AUDIO'] },
      { unknownOption: 1 },
    ];
    for (const options of refused)
      expect(gptProtoProviderOptionsSchema.safeParse(options).success, JSON.stringify(options)).toBe(false);
  });
});
