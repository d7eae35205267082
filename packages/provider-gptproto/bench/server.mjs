// The local vendor for the benchmark: answers POST /v1/images/generations the
// way GPTProto does for gpt-image models (OpenAI format, document 003) with one
// ~1.5 MB PNG as base64, or streamed as server-sent events with two partial
// images. Its own process, so its work does not pollute the clients' time and
// memory.
import { createServer } from 'node:http';
import { pngOfSize, toBase64 } from '@imagegate/testing/fakes';

const imageBytes = Number(process.argv[2] ?? 1_500_000);
const png = pngOfSize(imageBytes);
const body = Buffer.from(
  JSON.stringify({
    created: 1776843003,
    background: 'opaque',
    data: [{ b64_json: toBase64(png) }],
    output_format: 'png',
    quality: 'low',
    size: '1024x1024',
    usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 },
  }),
);

// The same image streamed (`stream: true`): two partial images of half its size, then the completed image.
const partial = toBase64(pngOfSize(Math.round(imageBytes / 2)));
const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const streamed = [
  event('image_generation.partial_image', { b64_json: partial, partial_image_index: 0 }),
  event('image_generation.partial_image', { b64_json: partial, partial_image_index: 1 }),
  event('image_generation.completed', { b64_json: toBase64(png), usage: { input_tokens: 8, output_tokens: 396 } }),
].map((text) => Buffer.from(text));

const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (d) => parts.push(d));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/images/generations') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"error":{"message":"not found","type":"404"}}');
    }
    if (/"stream":true/.test(Buffer.concat(parts).toString())) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const chunk of streamed) res.write(chunk);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({
      port: server.address().port,
      imageBytes: png.byteLength,
      bodyBytes: body.length,
      streamBytes: streamed.reduce((n, c) => n + c.length, 0),
    })}\n`,
  );
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
