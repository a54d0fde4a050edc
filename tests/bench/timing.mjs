// timing: what every benchmark here shares — a seeded generator so all implementations see the
// same numbers, the median, and one timed batch of calls in both process CPU time (user +
// system: on this shared machine it leaves out time spent descheduled) and wall time.
// Benchmark-only code.

/** A benchmark's command line `--name value ...` -> { name: 'value', ... } (values stay strings). */
export function cliOptions(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
  );
}

/** mulberry32: seed -> () => uniform in [0, 1). */
export function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs fn `calls` times -> { cpuMs, wallMs } per call. */
export function measure(fn, calls) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let c = 0; c < calls; ++c) fn();
  const c1 = process.cpuUsage(c0);
  return { cpuMs: (c1.user + c1.system) / 1000 / calls, wallMs: (performance.now() - w0) / calls };
}

/** measure for an async fn, awaited call by call. */
export async function measureAsync(fn, calls) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let c = 0; c < calls; ++c) await fn();
  const c1 = process.cpuUsage(c0);
  return { cpuMs: (c1.user + c1.system) / 1000 / calls, wallMs: (performance.now() - w0) / calls };
}
