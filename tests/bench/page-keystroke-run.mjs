// page-keystroke-run: the keystroke half of the page benchmark alone (page-keystroke.mjs), at
// one size, several runs, printing each run and the median of the runs' p50 / p95 against the
// frame floor measured in the same runs (issue 20's latency goal: p95 <= floor + 4 ms). With
// --sites it compares built sites (e.g. a copy of dist/ from before a change, and dist/),
// alternating them run by run so both see the same machine load. A tool, not a test.
// --reduced-motion measures the page as a reader who asked for reduced motion sees it (no easing).
// --cold types as soon as the page is ready, before its idle warm-up (the first second of a visit).
//   node tests/bench/page-keystroke-run.mjs [--runs 3] [--edits 60] [--tokens 64] [--sites dirA,dirB]
//     [--reduced-motion] [--cold]
import { chromium } from 'playwright-core';
import os from 'node:os';
import { serve } from '../../web/tools/serve.mjs';
import { median } from './page-load.mjs';
import { FLOOR_CASE, measureKeystrokes } from './page-keystroke.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', 3));
const edits = Number(arg('edits', 60));
const tokens = Number(arg('tokens', 64));
const sites = arg('sites', process.env.ATTN_SITE_DIR ?? new URL('../../dist/', import.meta.url).pathname).split(',');

const servers = await Promise.all(sites.map((dir) => serve({ dir, port: 0 })));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const rows = new Map(); // `${site}\n${case}` -> [row]
const loads = [];
try {
  for (let run = 0; run < runs; ++run)
    for (const [s, { url }] of servers.entries()) {
      loads.push(os.loadavg()[0]);
      console.log(
        `run ${run + 1}/${runs}, ${sites[s]}, load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
      );
      for (const row of await measureKeystrokes(browser, url, {
        edits,
        sizes: [tokens],
        reducedMotion: process.argv.includes('--reduced-motion'),
        cold: process.argv.includes('--cold'),
      })) {
        const key = `${sites[s]}\n${row.case}`;
        if (!rows.has(key)) rows.set(key, []);
        rows.get(key).push(row);
      }
    }
} finally {
  await browser.close();
  for (const { server } of servers) server.close();
}
console.log(
  `\nmedians of ${runs} runs, ${tokens} tokens, ${edits} keystrokes each; 1-min load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores:`,
);
for (const site of sites) {
  const floor = median(rows.get(`${site}\n${FLOOR_CASE}`).map((r) => r.p95Ms));
  console.log(site);
  for (const [key, list] of rows) {
    const [where, name] = key.split('\n');
    if (where !== site) continue;
    const p50 = median(list.map((r) => r.p50Ms));
    const p95 = median(list.map((r) => r.p95Ms));
    const over = name === FLOOR_CASE ? '' : `, p95 = floor + ${(p95 - floor).toFixed(1)} ms`;
    console.log(`  ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${over}`);
  }
}
