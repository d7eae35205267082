// Peak memory of one call, in a process of its own: a worker thread samples the
// process RSS every millisecond while the main thread makes the call (a worker
// keeps sampling while the main thread is busy parsing). Prints the median over
// the calls of (peak RSS during the call − RSS just before it).
import { Worker } from 'node:worker_threads';
import { clients } from './clients.mjs';

const [variant, baseUrl, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 15);
const run = clients(baseUrl)[variant];

const shared = new Float64Array(new SharedArrayBuffer(16)); // [0] = sampling on/off, [1] = peak
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const s = new Float64Array(workerData);
   setInterval(() => { if (s[0] === 1) { const r = process.memoryUsage.rss(); if (r > s[1]) s[1] = r; } }, 1);`,
  { eval: true, workerData: shared.buffer },
);
sampler.unref();

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 5; i++) await run(); // warm up JIT and connections
const peaks = [];
for (let i = 0; i < calls; i++) {
  globalThis.gc();
  await pause(20);
  const before = process.memoryUsage.rss();
  shared[1] = before;
  shared[0] = 1;
  await run();
  await pause(5);
  shared[0] = 0;
  peaks.push(shared[1] - before);
}
peaks.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ variant, medianPeakBytes: peaks[Math.floor(peaks.length / 2)] })}\n`);
process.exit(0);
