// Small statistics for the benchmarks (shared by the providers' benchmarks).

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Mean of numbers. */
export function mean(values) {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** A value at quantile q (0–1), nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A seeded PRNG (mulberry32), so runs are repeatable. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * Time two clients side by side: `rounds` interleaved rounds (the order alternating), after `warmUp` calls of each,
 * so both see the same machine noise. Returns each client's median ms per call.
 */
export async function interleavedMedians(clients, rounds, warmUp = 5) {
  const names = Object.keys(clients);
  for (let i = 0; i < warmUp; i++) for (const name of names) await clients[name]();
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) {
      const start = process.hrtime.bigint();
      await clients[name]();
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])]));
}
