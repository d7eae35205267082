// A local vendor for the benchmarks: answers POST /v1/images/generations with an
// OpenAI-style body carrying one ~1.5 MB PNG as base64, and GET /result.png
// with an ~11 MB PNG (a 4K photo's size), as a result download. Runs in its own process
// so its allocations and CPU do not pollute the client's measurements.
import { createServer } from 'node:http';
import { pngOfSize, toBase64 } from '../../testing/dist/fakes.js';

const imageBytes = Number(process.argv[2] ?? 1_500_000);
const png = pngOfSize(imageBytes);
const result = Buffer.from(pngOfSize(Number(process.argv[3] ?? 11_000_000)));
const body = Buffer.from(
  JSON.stringify({
    created: 1,
    data: [{ b64_json: toBase64(png) }],
    output_format: 'png',
    usage: { input_tokens: 8, output_tokens: 196, total_tokens: 204 },
  }),
);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/result.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': result.length });
      return res.end(result);
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const info = {
    port: server.address().port,
    imageBytes: png.byteLength,
    bodyBytes: body.length,
    resultBytes: result.length,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
});
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
