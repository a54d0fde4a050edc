// page-keystroke-run: the keystroke half of the page benchmark alone, at one size, several runs,
// printing each run and the median of the runs' p50 / p95 (issue 20's latency goal). A tool, not
// a test.   node tests/bench/page-keystroke-run.mjs [--runs 3] [--edits 60] [--tokens 64]
// ATTN_SITE_DIR serves another built site (e.g. a copy of dist/ before a change) for a baseline.
import { chromium } from 'playwright-core';
import os from 'node:os';
import { serve } from '../../web/tools/serve.mjs';
import { median } from './page-load.mjs';
import { FLOOR_CASE, measureKeystrokes } from './page-keystroke.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 3);
const edits = arg('edits', 60);
const tokens = arg('tokens', 64);
const dir = process.env.ATTN_SITE_DIR ?? new URL('../../dist/', import.meta.url).pathname;

const { server, url } = await serve({ dir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const byCase = new Map();
try {
  for (let run = 0; run < runs; ++run) {
    console.log(
      `run ${run + 1}/${runs}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    for (const row of await measureKeystrokes(browser, url, { edits, sizes: [tokens] })) {
      if (!byCase.has(row.case)) byCase.set(row.case, []);
      byCase.get(row.case).push(row);
    }
  }
} finally {
  await browser.close();
  server.close();
}
const floor = median(byCase.get(FLOOR_CASE).map((r) => r.p95Ms));
console.log(`\nmedian of ${runs} runs, ${tokens} tokens, ${edits} keystrokes each (${dir}):`);
for (const [name, rows] of byCase) {
  const p50 = median(rows.map((r) => r.p50Ms));
  const p95 = median(rows.map((r) => r.p95Ms));
  const over = name === FLOOR_CASE ? '' : `, p95 = floor + ${(p95 - floor).toFixed(1)} ms`;
  console.log(`  ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${over}`);
}
