// The two clients compared, making the same gpt-image-1 call against the same
// local server: ImageGate's generateImage with this provider, and the Vercel AI
// SDK's generateImage with @ai-sdk/openai. Each returns the image byte count,
// so both do the full work of handing the caller bytes. Each variant imports
// only its own libraries, so a memory probe process holds one of them.

const KEY = 'sk-bench-0000000000';

/** Build one client: `imagegate`, `imagegate-stream` (server-sent events, two partial images) or `vercel`. */
export async function loadClient(variant, baseUrl) {
  if (variant === 'imagegate') {
    const { generateImage } = await import('@imagegate/core');
    const { createGptProto } = await import('../dist/index.js');
    const provider = createGptProto({ apiKey: KEY, baseUrl });
    return async () => {
      const { images } = await generateImage({ provider, model: 'gpt-image-1', prompt: 'a cat' });
      return images[0].data.byteLength;
    };
  }
  if (variant === 'imagegate-stream') {
    const { generateImage } = await import('@imagegate/core');
    const { createGptProto } = await import('../dist/index.js');
    const provider = createGptProto({ apiKey: KEY, baseUrl });
    return async () => {
      let partials = 0;
      const { images } = await generateImage({
        provider,
        model: 'gpt-image-1',
        prompt: 'a cat',
        providerOptions: { stream: true, partialImages: 2, onPartialImage: () => partials++ },
      });
      if (partials !== 2) throw new Error(`${partials} partial images, expected 2`);
      return images[0].data.byteLength;
    };
  }
  if (variant === 'vercel') {
    const { generateImage } = await import('ai');
    const { createOpenAI } = await import('@ai-sdk/openai');
    const model = createOpenAI({ baseURL: `${baseUrl}/v1`, apiKey: KEY }).image('gpt-image-1');
    return async () => {
      const { image } = await generateImage({ model, prompt: 'a cat' });
      return image.uint8Array.byteLength;
    };
  }
  throw new Error(`unknown variant ${variant}`);
}
