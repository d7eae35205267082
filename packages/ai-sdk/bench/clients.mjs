// The two AI SDK image models compared, each making the same gpt-image-1 call through the AI SDK's own
// generateImage (ai 7) against the same local answer: ImageGate's GPTProto provider through
// @imagegate/ai-sdk, and @ai-sdk/openai. Each returns the image byte count. Each variant imports only its
// own libraries, so a memory probe process holds one of them.

const KEY = 'sk-bench-0000000000';

/** Build one client: `imagegate` (@imagegate/ai-sdk + GPTProto) or `openai` (@ai-sdk/openai). */
export async function loadClient(variant, baseUrl) {
  const { generateImage } = await import('ai');
  let model;
  if (variant === 'imagegate') {
    const { imagegate } = await import('../dist/index.js');
    const { gptProto } = await import('@imagegate/provider-gptproto');
    model = imagegate(gptProto.create({ apiKey: KEY, baseUrl })).imageModel('gpt-image-1');
  } else if (variant === 'openai') {
    const { createOpenAI } = await import('@ai-sdk/openai');
    model = createOpenAI({ baseURL: `${baseUrl}/v1`, apiKey: KEY }).image('gpt-image-1');
  } else throw new Error(`unknown variant ${variant}`);
  return async () => {
    const { image } = await generateImage({ model, prompt: 'a cat' });
    return image.uint8Array.byteLength;
  };
}
