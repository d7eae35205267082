// One variant's peak memory per call, in a process of its own (see peak-rss.mjs).
import { clients } from './clients.mjs';
import { medianPeakRss } from './peak-rss.mjs';

const [variant, baseUrl, callsArg, mode] = process.argv.slice(2);
const medianPeakBytes = await medianPeakRss(clients(baseUrl)[variant], Number(callsArg ?? 15), {
  live: mode === 'live',
});
process.stdout.write(`${JSON.stringify({ variant, medianPeakBytes })}\n`);
process.exit(0);
