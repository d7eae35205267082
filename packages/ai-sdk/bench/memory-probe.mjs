// One variant's peak memory per call, in a process of its own, measured the
// way core's benchmark measures it (../../core/bench/peak-rss.mjs).
import { medianPeakRss } from '../../core/bench/peak-rss.mjs';
import { loadClient } from './clients.mjs';

const [variant, baseUrl, callsArg] = process.argv.slice(2);
const medianPeakBytes = await medianPeakRss(await loadClient(variant, baseUrl), Number(callsArg ?? 15));
process.stdout.write(`${JSON.stringify({ variant, medianPeakBytes })}\n`);
process.exit(0);
