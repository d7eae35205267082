// Peak memory of a call, measured in the calling process: a worker thread
// samples the process RSS every millisecond while the main thread makes the
// call (the worker keeps sampling while the main thread is busy parsing).
// Run with --expose-gc and MALLOC_MMAP_THRESHOLD_=65536 (see run.mjs), in a
// process of its own per variant. Shared by the providers' benchmarks.
import { Worker } from 'node:worker_threads';

/**
 * Median over `calls` calls of (peak RSS during the call − RSS just before it),
 * after 5 warm-up calls, with a GC before each measured call. `live: true`
 * also collects garbage every 2 ms during the call.
 */
export async function medianPeakRss(run, calls = 15, options = {}) {
  const shared = new Float64Array(new SharedArrayBuffer(16)); // [0] sampling on/off, [1] peak
  const sampler = new Worker(
    `const { workerData } = require('node:worker_threads');
     const s = new Float64Array(workerData);
     setInterval(() => { if (s[0] === 1) { const r = process.memoryUsage.rss(); if (r > s[1]) s[1] = r; } }, 1);`,
    { eval: true, workerData: shared.buffer },
  );
  sampler.unref();
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // A GC frees large buffers' memory only later (V8 sweeps their backing stores
  // in the background): collect until RSS stops falling, so a buffer of the
  // previous call is not freed during the measured one and hidden in its growth.
  const settle = async () => {
    for (let i = 0, last = Infinity; i < 20; i++) {
      globalThis.gc();
      await pause(10);
      const rss = process.memoryUsage.rss();
      if (rss >= last - 64 * 1024) return;
      last = rss;
    }
  };
  for (let i = 0; i < 5; i++) await run(); // warm up JIT and connections
  const peaks = [];
  for (let i = 0; i < calls; i++) {
    await settle();
    const before = process.memoryUsage.rss();
    shared[1] = before;
    shared[0] = 1;
    // `live`: a full collection every few ms during the call, so the peak counts what the call holds, not
    // garbage a collection would free (what a process under memory pressure gets).
    const collector = options.live ? setInterval(() => globalThis.gc(), 2) : undefined;
    await run();
    clearInterval(collector);
    await pause(5);
    shared[0] = 0;
    peaks.push(shared[1] - before);
  }
  await sampler.terminate();
  peaks.sort((a, b) => a - b);
  return peaks[Math.floor(peaks.length / 2)];
}

/** Environment for a memory-probe child: every large buffer its own mapping, so RSS follows live memory. */
export const PROBE_ENV = { ...process.env, MALLOC_MMAP_THRESHOLD_: '65536' };
