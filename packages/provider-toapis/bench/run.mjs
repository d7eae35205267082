// `pnpm bench` in @imagegate/provider-toapis (after `pnpm build`).
// The real ToAPIs provider, over real HTTP to a local simulated ToAPIs on
// 127.0.0.1 whose clock is simulated: tasks finish after a random 5–30 s and
// report linear progress. Per task: requests (submit + polls) and the delay
// from completion to its detection, for ImageGate's adaptive polling (core's
// engine with the manifest hints) versus fixed 3 s and fixed 500 ms loops.
import { generateImage } from '@imagegate/core';
import { createSimulatedClock } from '@imagegate/testing/fakes';
import { createToApis } from '../dist/index.js';
// Shared benchmark statistics live with core's benchmarks.
import { mean, median, quantile, seededRandom } from '../../core/bench/stats.mjs';
import { startSimServer } from './sim-server.mjs';

const TASKS = Number(process.env.BENCH_TASKS ?? 500);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const MODEL = 'gemini-2.5-flash-image-preview';

const sim = await startSimServer();
const provider = createToApis({ apiKey: 'sk-bench-not-a-real-key', baseUrl: sim.baseUrl });
const random = seededRandom(SEED);
const durations = Array.from({ length: TASKS }, () => 5000 + random() * 25_000);

/** ImageGate: generateImage with the manifest's hints (core's PollSchedule). */
async function imagegate(clock) {
  const { tasks } = await generateImage({ provider, model: MODEL, prompt: 'a lighthouse', download: false, sleep: clock.sleep, now: clock.now, timeoutMs: 600_000 });
  return tasks[0].taskId;
}

/** A plain loop: submit, wait `first`, then poll every `interval` until done. */
function fixedLoop(first, interval) {
  return async (clock) => {
    const ctx = { signal: new AbortController().signal, sleep: clock.sleep, now: clock.now, maxRetries: 2, warn: () => undefined };
    const { task } = await provider.submit({ model: MODEL, prompt: 'a lighthouse', n: 1 }, ctx);
    await clock.sleep(first);
    for (;;) {
      const status = await provider.getTask(task, ctx);
      if (status.state === 'succeeded') return task.taskId;
      if (status.state === 'failed') throw status.error;
      await clock.sleep(interval);
    }
  };
}

async function measure(label, run, { reportProgress = true } = {}) {
  sim.state.reportProgress = reportProgress;
  const requests = [];
  const delays = [];
  for (const duration of durations) {
    const clock = createSimulatedClock();
    sim.state.clock = clock;
    sim.state.nextDuration = duration;
    const before = sim.state.requests;
    const taskId = await run(clock);
    requests.push(sim.state.requests - before);
    delays.push(clock.now() - sim.task(taskId).finishAt);
  }
  return { label, requests, delays };
}

const started = Date.now();
const rows = [
  await measure('ImageGate adaptive (hints: 2 s, 3 s ×1.25 → 6 s; progress)', imagegate),
  await measure('ImageGate adaptive, vendor reports no progress', imagegate, { reportProgress: false }),
  await measure('fixed 3 s (vendor guidance: first poll at 2 s)', fixedLoop(2000, 3000)),
  await measure('fixed 500 ms (fal / Replicate clients)', fixedLoop(500, 500)),
];
await sim.close();

console.log(`\n@imagegate/provider-toapis polling benchmark (Node ${process.version})`);
console.log(`${TASKS} tasks finishing at a random 5–30 s (seed ${SEED}), linear progress, queued for the first 1 s;`);
console.log(`real provider + core engine over HTTP to a local simulated ToAPIs (127.0.0.1, simulated clock); ${((Date.now() - started) / 1000).toFixed(1)} s wall time.\n`);
console.table(
  rows.map((r) => ({
    schedule: r.label,
    'median requests': median(r.requests),
    'mean requests': +mean(r.requests).toFixed(2),
    'median delay ms': Math.round(median(r.delays)),
    'mean delay ms': Math.round(mean(r.delays)),
    'p90 delay ms': Math.round(quantile(r.delays, 0.9)),
  })),
);

const [ours, , fixed3, fixed500] = rows;
const delayRatio = median(ours.delays) / median(fixed3.delays);
const requestRatio = median(ours.requests) / median(fixed3.requests);
const meanRequestRatio = mean(ours.requests) / mean(fixed3.requests);
console.log(`ImageGate / fixed 3 s: median delay ×${delayRatio.toFixed(2)}, median requests ×${requestRatio.toFixed(2)} (mean ×${meanRequestRatio.toFixed(2)})`);
console.log(`ImageGate / fixed 500 ms: median delay ×${(median(ours.delays) / median(fixed500.delays)).toFixed(2)}, median requests ×${(median(ours.requests) / median(fixed500.requests)).toFixed(2)}`);
const met = median(ours.delays) < median(fixed3.delays) && median(ours.requests) <= median(fixed3.requests) && mean(ours.requests) <= mean(fixed3.requests);
console.log(`Goal (median delay under fixed 3 s, no more requests than fixed 3 s): ${met ? 'MET' : 'NOT MET'}\n`);
