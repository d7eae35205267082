// The polling engine against tasks that complete at a random time in 2–60 s,
// on a simulated clock: polls per task and the delay between completion and
// its detection, as medians, for ImageGate's adaptive schedule and fixed loops.
import { waitForTask } from '../dist/index.js';
import { createSimulatedClock } from '../../testing/dist/fakes.js';
import { median, seededRandom } from './stats.mjs';

const HINTS = { initialDelayMs: 2000, intervalMs: 3000 };

function taskProvider(clock, finishAt, reportProgress) {
  const started = clock.now();
  let polls = 0;
  return {
    polls: () => polls,
    provider: {
      specificationVersion: 'v1',
      id: 'sim',
      name: 'Simulated',
      models: [
        {
          id: 'sim',
          name: 'Sim',
          operations: ['generate'],
          sizes: { kind: 'aspect-ratio', values: ['1:1'] },
          maxImagesPerCall: 1,
          maxImages: 1,
          options: {},
          async: true,
          polling: HINTS,
          output: { delivery: 'url' },
        },
      ],
      submit: async () => {
        throw new Error('not used');
      },
      async getTask() {
        polls++;
        const now = clock.now();
        if (now >= finishAt) return { state: 'succeeded', images: [{ url: 'https://sim.test/x.png' }] };
        const progress = Math.floor(((now - started) / (finishAt - started)) * 100);
        return { state: 'running', progress: reportProgress ? progress : undefined };
      },
    },
  };
}

async function measure(label, poll, reportProgress, durations) {
  const polls = [];
  const delays = [];
  for (const duration of durations) {
    const clock = createSimulatedClock();
    const finishAt = clock.now() + duration;
    const sim = taskProvider(clock, finishAt, reportProgress);
    const task = { version: 1, provider: 'sim', taskId: 't', model: 'sim', createdAt: clock.now() };
    // waitForTask polls at once; the initial delay models the submit → first poll gap.
    await clock.sleep(poll.initialDelayMs ?? HINTS.initialDelayMs);
    await waitForTask({
      provider: sim.provider,
      task,
      download: false,
      sleep: clock.sleep,
      now: clock.now,
      poll,
      timeoutMs: 600_000,
    });
    polls.push(sim.polls());
    delays.push(clock.now() - finishAt);
  }
  return {
    label,
    polls: median(polls),
    delayMs: median(delays),
    meanPolls: polls.reduce((a, b) => a + b, 0) / polls.length,
  };
}

export async function pollingBench(tasks = 2000) {
  const random = seededRandom(42);
  const durations = Array.from({ length: tasks }, () => 2000 + random() * 58_000);
  return [
    await measure('ImageGate adaptive, vendor reports progress', {}, true, durations),
    await measure('ImageGate adaptive, no progress reported', {}, false, durations),
    await measure('fixed 3 s interval', { initialDelayMs: 3000, intervalMs: 3000, factor: 1 }, false, durations),
    await measure('fixed 1 s interval', { initialDelayMs: 1000, intervalMs: 1000, factor: 1 }, false, durations),
  ];
}
