// One variant's peak memory per call, in a process of its own, measured the
// way core's benchmark measures it (../../core/bench/peak-rss.mjs), live: a full
// collection every 2 ms during the call, so what the call holds counts, not
// garbage of an earlier call freed during this one (which made the as-is figure
// swing from 0 to several MB between runs here).
import { medianPeakRss } from '../../core/bench/peak-rss.mjs';
import { loadClient } from './clients.mjs';

const [variant, baseUrl, callsArg] = process.argv.slice(2);
const medianPeakBytes = await medianPeakRss(await loadClient(variant, baseUrl), Number(callsArg ?? 15), {
  live: true,
});
process.stdout.write(`${JSON.stringify({ variant, medianPeakBytes })}\n`);
process.exit(0);
