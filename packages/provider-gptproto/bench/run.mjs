// `pnpm bench` in @imagegate/provider-gptproto: one gpt-image generation of a
// ~1.5 MB PNG from a local server, ImageGate (generateImage + createGptProto)
// versus the Vercel AI SDK (generateImage + @ai-sdk/openai), measured side by
// side in this one run. Shared machines are noisy: compare the ratios.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROBE_ENV } from '../../core/bench/peak-rss.mjs';
import { interleavedMedians, mb } from '../../core/bench/stats.mjs';
import { loadClient } from './clients.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const MEMORY_CALLS = String(process.env.BENCH_MEMORY_CALLS ?? 15);

const server = spawn(process.execPath, [here('./server.mjs'), '1500000'], { stdio: ['pipe', 'pipe', 'inherit'] });
const info = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
const baseUrl = `http://127.0.0.1:${info.port}`;

try {
  console.log(
    `\n@imagegate/provider-gptproto benchmark (Node ${process.version}); ` +
      `image ${mb(info.imageBytes)}, JSON body ${mb(info.bodyBytes)}\n`,
  );

  // 1. Time: interleaved rounds (alternating order) so both see the same noise.
  const c = { imagegate: await loadClient('imagegate', baseUrl), vercel: await loadClient('vercel', baseUrl) };
  for (const [name, client] of Object.entries(c)) {
    const bytes = await client();
    if (bytes !== info.imageBytes) throw new Error(`${name}: wrong image size ${bytes}, expected ${info.imageBytes}`);
  }
  const { imagegate: ours, vercel: theirs } = await interleavedMedians(c, ROUNDS);

  // 2. Memory: each variant in its own process, RSS sampled by a worker thread.
  // A fixed malloc mmap threshold makes each large buffer its own mapping,
  // returned to the OS when freed, so RSS follows live memory.
  const env = PROBE_ENV;
  const probe = (variant) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', here('./memory-probe.mjs'), variant, baseUrl, MEMORY_CALLS], {
        encoding: 'utf8',
        env,
      }),
    ).medianPeakBytes;
  const memOurs = probe('imagegate');
  const memTheirs = probe('vercel');

  const ratio = ours / theirs;
  console.log(`gpt-image-1 generation, ${ROUNDS} interleaved rounds, same local answer:`);
  console.table([
    {
      client: 'ImageGate generateImage + createGptProto',
      'median ms': ours.toFixed(2),
      'median peak RSS growth / call': mb(memOurs),
      '× image bytes': (memOurs / info.imageBytes).toFixed(2),
    },
    {
      client: 'AI SDK generateImage + @ai-sdk/openai',
      'median ms': theirs.toFixed(2),
      'median peak RSS growth / call': mb(memTheirs),
      '× image bytes': (memTheirs / info.imageBytes).toFixed(2),
    },
  ]);
  console.log(`time ratio ImageGate/AI SDK: ${ratio.toFixed(3)}× (goal ≤ 1.0×) ${ratio <= 1 ? 'MET' : 'NOT MET'}`);
  console.log(`peak memory ratio ImageGate/AI SDK: ${(memOurs / memTheirs).toFixed(3)}×\n`);

  // 3. The same image streamed as server-sent events, after two partial images of half its size:
  // each event's base64 is decoded as it arrives, so the stream costs about what one answer does.
  const memStream = probe('imagegate-stream');
  console.log(
    `streamed (stream: true, 2 partial images, body ${mb(info.streamBytes)}): peak RSS growth / call ` +
      `${mb(memStream)} = ${(memStream / info.imageBytes).toFixed(2)} × the final image's bytes ` +
      `(${(memStream / memOurs).toFixed(2)} × the plain answer's peak)\n`,
  );
} finally {
  server.stdin.end();
  server.kill();
}
