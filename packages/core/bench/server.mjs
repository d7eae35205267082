// A local vendor for the benchmarks: answers POST /v1/images/generations with an
// OpenAI-style body carrying one ~1.5 MB PNG as base64. Runs in its own process
// so its allocations and CPU do not pollute the client's measurements.
import { createServer } from 'node:http';
import { pngOfSize, toBase64 } from '../../testing/dist/fakes.js';

const imageBytes = Number(process.argv[2] ?? 1_500_000);
const png = pngOfSize(imageBytes);
const body = Buffer.from(
  JSON.stringify({ created: 1, data: [{ b64_json: toBase64(png) }], output_format: 'png', usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 } }),
);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, imageBytes: png.byteLength, bodyBytes: body.length })}\n`);
});
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
