// The two clients compared: ImageGate's generateImage through a minimal
// provider, and a raw fetch + JSON.parse + base64 decode of the same answer.
import { generateImage } from '../dist/index.js';
import { createFetchTransport, createHttpClient } from '../dist/provider.js';

const MODEL = {
  id: 'bench-image',
  name: 'Bench image',
  operations: ['generate'],
  sizes: { kind: 'pixels', presets: ['1024x1024'] },
  maxImagesPerCall: 1,
  maxImages: 1,
  options: {},
  async: false,
  output: { delivery: 'bytes' },
};

/** The smallest real provider: one JSON call, base64 fields decoded by core. */
export function minimalProvider(baseUrl) {
  const http = createHttpClient({ provider: 'bench', baseUrl, headers: { authorization: 'Bearer bench-key-000000' } });
  return {
    specificationVersion: 'v1',
    id: 'bench',
    name: 'Bench',
    models: [MODEL],
    async submit(request, ctx) {
      const answer = await http.json(
        ctx,
        {
          method: 'POST',
          url: '/v1/images/generations',
          json: { model: request.model, prompt: request.prompt },
          kind: 'billable',
        },
        { binaryFields: ['b64_json'] },
      );
      return { type: 'images', images: answer.data.map((d) => ({ data: d.b64_json })) };
    },
  };
}

export function clients(baseUrl) {
  const provider = minimalProvider(baseUrl);
  const transport = createFetchTransport();
  return {
    async imagegate() {
      const { images } = await generateImage({ provider, model: 'bench-image', prompt: 'a cat' });
      return images[0].data.byteLength;
    },
    /** The same call keeping the image with saveImage: its bytes go on as decoded (here, counted and dropped). */
    async imagegateSave() {
      const { images } = await generateImage({
        provider,
        model: 'bench-image',
        prompt: 'a cat',
        saveImage: async (image) => {
          let bytes = 0;
          for await (const chunk of image.chunks) bytes += chunk.byteLength;
          return bytes;
        },
      });
      return images[0].stored;
    },
    /** A result download as core reads it: the default transport, one buffer of the declared length. */
    async download() {
      const response = await transport({ method: 'GET', url: `${baseUrl}/result.png`, headers: { accept: 'image/*' } });
      return response.body.byteLength;
    },
    /** The same download read the usual way: fetch's arrayBuffer(). */
    async rawDownload() {
      const res = await fetch(`${baseUrl}/result.png`);
      return Buffer.from(await res.arrayBuffer()).byteLength;
    },
    async raw() {
      const res = await fetch(`${baseUrl}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: 'Bearer bench-key-000000', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'bench-image', prompt: 'a cat' }),
      });
      const json = await res.json();
      return Buffer.from(json.data[0].b64_json, 'base64').byteLength;
    },
  };
}
