// `pnpm bench` in @imagegate/ai-sdk: the AI SDK's generateImage with an ImageGate model (GPTProto through
// @imagegate/ai-sdk) beside the same call with @ai-sdk/openai, on the same local answer (GPTProto's bench
// server: one ~1.5 MB PNG as base64, OpenAI's format), measured side by side in this one run. Shared
// machines are noisy: compare the ratios.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROBE_ENV } from '../../core/bench/peak-rss.mjs';
import { interleavedMedians, mb } from '../../core/bench/stats.mjs';
import { loadClient } from './clients.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const MEMORY_CALLS = String(process.env.BENCH_MEMORY_CALLS ?? 15);

// GPTProto's benchmark server, as its own process (its work stays out of the clients' figures).
const server = spawn(process.execPath, [here('../../provider-gptproto/bench/server.mjs'), '1500000'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const info = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
const baseUrl = `http://127.0.0.1:${info.port}`;

try {
  console.log(
    `\n@imagegate/ai-sdk benchmark (Node ${process.version}); image ${mb(info.imageBytes)}, ` +
      `JSON body ${mb(info.bodyBytes)}\n`,
  );
  // 1. Time: interleaved rounds (alternating order) so both see the same noise.
  const c = { imagegate: await loadClient('imagegate', baseUrl), openai: await loadClient('openai', baseUrl) };
  for (const [name, client] of Object.entries(c)) {
    const bytes = await client();
    if (bytes !== info.imageBytes) throw new Error(`${name}: wrong image size ${bytes}, expected ${info.imageBytes}`);
  }
  const { imagegate: ours, openai: theirs } = await interleavedMedians(c, ROUNDS);

  // 2. Memory: each variant in its own process, RSS sampled by a worker thread.
  const probe = (variant) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', here('./memory-probe.mjs'), variant, baseUrl, MEMORY_CALLS], {
        encoding: 'utf8',
        env: PROBE_ENV,
      }),
    ).medianPeakBytes;
  const memOurs = probe('imagegate');
  const memTheirs = probe('openai');

  console.log(`AI SDK generateImage, gpt-image-1, ${ROUNDS} interleaved rounds, same local answer:`);
  console.table([
    {
      model: 'imagegate(gptProto).imageModel (@imagegate/ai-sdk)',
      'median ms': ours.toFixed(2),
      'median live peak / call': mb(memOurs),
      '× image bytes': (memOurs / info.imageBytes).toFixed(2),
    },
    {
      model: 'createOpenAI().image (@ai-sdk/openai)',
      'median ms': theirs.toFixed(2),
      'median live peak / call': mb(memTheirs),
      '× image bytes': (memTheirs / info.imageBytes).toFixed(2),
    },
  ]);
  const ratio = ours / theirs;
  console.log(
    `time ratio ImageGate/@ai-sdk/openai: ${ratio.toFixed(3)}× (goal ≤ 1.0×) ${ratio <= 1 ? 'MET' : 'NOT MET'}`,
  );
  console.log(`peak memory ratio ImageGate/@ai-sdk/openai: ${(memOurs / memTheirs).toFixed(3)}×\n`);
} finally {
  server.stdin.end();
  server.kill();
}
