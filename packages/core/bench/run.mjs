// `pnpm bench` in @imagegate/core. Prints side-by-side medians and ratios
// measured in this one run (shared machines are noisy: compare ratios).
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clients } from './clients.mjs';
import { pollingBench } from './polling.mjs';
import { tracingBench } from './tracing.mjs';
import { interleavedMedians, mb, median } from './stats.mjs';
import { PROBE_ENV } from './peak-rss.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const MEMORY_ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 3);

const server = spawn(process.execPath, [here('./server.mjs'), '1500000'], { stdio: ['pipe', 'pipe', 'inherit'] });
const info = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
const baseUrl = `http://127.0.0.1:${info.port}`;
// A 4K gpt-image-2 answer's size (about 11 MB of PNG, 15 MB of JSON), for the memory goal.
const largeServer = spawn(process.execPath, [here('./server.mjs'), '11000000', '1000'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const largeInfo = await new Promise((resolve) =>
  largeServer.stdout.once('data', (d) => resolve(JSON.parse(String(d)))),
);

try {
  console.log(
    `\n@imagegate/core benchmarks (Node ${process.version}); image ${mb(info.imageBytes)}, ` +
      `JSON body ${mb(info.bodyBytes)}\n`,
  );

  // 1. Time: interleaved rounds so both variants see the same machine noise.
  const { imagegate: ours, raw } = await interleavedMedians(clients(baseUrl), ROUNDS);
  // Tracing's cost, timed now while the same connections are warm (printed last); the server lets an idle
  // keep-alive connection go after 5 s, and a paid submit on one it just closed is never sent again.
  const tracing = await tracingBench(baseUrl, ROUNDS);

  // 2. Memory: each variant in its own process, sampled by a worker thread.
  // A fixed malloc mmap threshold makes every large buffer its own mapping,
  // returned to the OS when freed, so RSS follows live memory instead of
  // glibc's recycled arenas (which would hide a call's allocations). Peaks are
  // noisy here: the median of three probes, side by side, per variant.
  const env = PROBE_ENV;
  const probeAt =
    (url, mode = 'peak') =>
    (variant) =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', here('./memory-probe.mjs'), variant, url, '15', mode], {
          encoding: 'utf8',
          env,
        }),
      ).medianPeakBytes;
  const medianOfProbes = (probe, variants) => {
    const peaks = Object.fromEntries(variants.map((v) => [v, []]));
    for (let round = 0; round < MEMORY_ROUNDS; round++) for (const v of variants) peaks[v].push(probe(v));
    return Object.fromEntries(variants.map((v) => [v, median(peaks[v])]));
  };
  const probe = probeAt(baseUrl);
  const largeUrl = `http://127.0.0.1:${largeInfo.port}`;
  const variants = ['imagegate', 'imagegateSave', 'raw'];
  const small = medianOfProbes(probe, variants);
  const large = medianOfProbes(probeAt(largeUrl), variants);
  // Garbage (the socket's read buffers, decoded blocks already stored) is freed at V8's next collection,
  // which one call of this size does not trigger: the live peak collects every 2 ms, as memory pressure would.
  const live = medianOfProbes(probeAt(largeUrl, 'live'), variants);

  const ratio = ours / raw;
  const medianMs = { imagegate: ours, raw };
  const names = {
    imagegate: 'ImageGate generateImage',
    imagegateSave: 'ImageGate generateImage + saveImage',
    raw: 'raw fetch + JSON.parse',
  };
  const x = (bytes, image) => (bytes / image).toFixed(2);
  console.log('generateImage (minimal provider) vs raw fetch + JSON.parse + base64 decode, same local answer:');
  console.table(
    variants.map((v) => ({
      client: names[v],
      'median ms': medianMs[v]?.toFixed(2) ?? '',
      [`peak RSS / call, ${mb(info.imageBytes)} image`]: mb(small[v]),
      '× image bytes': x(small[v], info.imageBytes),
      [`× image bytes, ${mb(largeInfo.imageBytes)} image`]: x(large[v], largeInfo.imageBytes),
      [`live, ${mb(largeInfo.imageBytes)} image`]: x(live[v], largeInfo.imageBytes),
    })),
  );
  // The base64 answer is decoded while it streams (src/http/json-stream.ts): goals of that change, on the live peak.
  const goal = (value, max) => `${value.toFixed(2)} × image bytes (goal ≤ ${max}) ${value <= max ? 'MET' : 'NOT MET'}`;
  console.log(`time ratio ImageGate/raw: ${ratio.toFixed(3)} (goal ≤ 0.75) ${ratio <= 0.75 ? 'MET' : 'NOT MET'}`);
  console.log(
    `JSON base64 answer of ${mb(largeInfo.imageBytes)}, live peak per call: bytes returned ` +
      `${goal(live.imagegate / largeInfo.imageBytes, 1.5)}; with saveImage ` +
      `${goal(live.imagegateSave / largeInfo.imageBytes, 0.5)}; raw fetch + JSON.parse ` +
      `${x(live.raw, largeInfo.imageBytes)} ×`,
  );
  console.log(
    `  peak RSS with garbage not yet collected: ${x(large.imagegate, largeInfo.imageBytes)} × / ` +
      `${x(large.imagegateSave, largeInfo.imageBytes)} × (ratio to raw ${x(large.imagegate, large.raw)}); ` +
      "the socket's read buffers alone are 1.33 × the image bytes of a base64 body\n",
  );

  // 3. A large result download (what an n8n node hands to n8n's binary store).
  const { download: memDownload, rawDownload: memRawDownload } = medianOfProbes(probe, ['download', 'rawDownload']);
  console.log(`Result download of a ${mb(info.resultBytes)} PNG: the default transport vs fetch's arrayBuffer():`);
  console.table([
    {
      client: 'ImageGate transport (readBody)',
      'peak RSS growth / call': mb(memDownload),
      '× image bytes': (memDownload / info.resultBytes).toFixed(2),
    },
    {
      client: 'fetch + arrayBuffer()',
      'peak RSS growth / call': mb(memRawDownload),
      '× image bytes': (memRawDownload / info.resultBytes).toFixed(2),
    },
  ]);
  console.log(
    `download peak memory: ${(memDownload / info.resultBytes).toFixed(2)} × image bytes (goal ≤ 2) ` +
      `${memDownload / info.resultBytes <= 2 ? 'MET' : 'NOT MET'}; ` +
      `ratio to arrayBuffer(): ${(memDownload / memRawDownload).toFixed(2)}\n`,
  );

  // 4. Polling on a simulated clock.
  const rows = await pollingBench();
  console.log(
    'Polling: tasks finishing at a random 2–60 s (2000 tasks, simulated clock, first poll 2 s after submit):',
  );
  console.table(
    rows.map((r) => ({
      schedule: r.label,
      'median polls': r.polls,
      'mean polls': r.meanPolls.toFixed(1),
      'median detection delay ms': Math.round(r.delayMs),
    })),
  );

  // 5. Tracing: the same calls without and with an OpenTelemetry SDK tracer (timed after 1).
  console.log('generateImage without telemetry vs with telemetry (OpenTelemetry SDK tracer, in-memory exporter):');
  console.table(
    tracing.map((r) => ({
      workload: r.workload,
      'median ms, no telemetry': r.untraced.toFixed(3),
      'median ms, traced': r.traced.toFixed(3),
      'traced / untraced': r.ratio.toFixed(3),
    })),
  );
  // The local vendor's call varies by more than a span costs: the in-process delta is the span's own cost.
  const [vendor, local] = tracing;
  const spanMs = local.traced - local.untraced;
  const share = spanMs / vendor.untraced;
  console.log(
    `tracing costs ${(spanMs * 1000).toFixed(0)} µs a call (in process), ${(share * 100).toFixed(2)} % of a call ` +
      `to the local vendor (goal < 5 %) ${share < 0.05 ? 'MET' : 'NOT MET'}; measured there directly: ` +
      `${((vendor.ratio - 1) * 100).toFixed(1)} %. Without telemetry nothing of OpenTelemetry is loaded.\n`,
  );
} finally {
  for (const child of [server, largeServer]) {
    child.stdin.end();
    child.kill();
  }
}
