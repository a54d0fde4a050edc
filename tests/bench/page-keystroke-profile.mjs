// page-keystroke-profile: where a keystroke's time goes, as shares, for finding what to make
// faster (page-keystroke-run.mjs gives the figures). It types the same keystrokes as the
// benchmark into one case at 64 words while Chromium traces (CDP Tracing, the DevTools timeline
// categories) and samples JS (CDP Profiler), then prints per keystroke:
//   - the renderer main thread's top-level work by kind (script, style, layout, paint, ...),
//   - the main thread's slices of each kind that are over 1 ms, summed by name,
//   - the JS functions with the most self time (file:line).
// Under load the absolute times mean little; the shares still say what dominates. A tool, not a test.
//   node tests/bench/page-keystroke-profile.mjs [--case self|heads] [--edits 40] [--tokens 64]
//     [--reduced-motion] [--timeline]
import { chromium } from 'playwright-core';
import { serve } from '../../web/tools/serve.mjs';
import { CASES, sentence, settled, typeInto } from './page-keystroke.mjs';
import { median } from './page-load.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const which = arg('case', 'self');
const edits = Number(arg('edits', 40));
const tokens = Number(arg('tokens', 64));
const testCase = CASES.find((c) => (which === 'heads' ? /multi-head/ : /self/).test(c.name));
const dir = process.env.ATTN_SITE_DIR ?? new URL('../../dist/', import.meta.url).pathname;

const { server, url } = await serve({ dir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    reducedMotion: process.argv.includes('--reduced-motion') ? 'reduce' : 'no-preference',
  });
  const page = await context.newPage();
  await page.goto(new URL(`#text=${encodeURIComponent(sentence(tokens))}&${testCase.hash}`, url).href);
  await page.waitForFunction(() => document.querySelector('.ap-ready #timings[data-tokens]'), null, {
    timeout: 60000,
  });
  await settled(page); // typed once the page has settled, as the benchmark types
  const rnd = () => 0.5;
  await typeInto(page, { edits: 5, warmUp: 0, rnd });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Tracing.start', {
    categories:
      'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack,v8.execute,blink,cc,gpu,viz',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  const samples = await typeInto(page, { edits, warmUp: 0, rnd });
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await done;
  const med = (k) => median(samples.map((x) => x[k])).toFixed(1);
  console.log(
    `medians: keystroke ${med('totalMs')} ms (key->input ${med('toInputMs')}, ->drawn ${med('toDrawnMs')} of which core ${med('coreMs')} + render ${med('renderMs')}, paint ${med('paintMs')})`,
  );
  report(events, profile, samples.length);
  if (process.argv.includes('--timeline')) timeline(events);
} finally {
  await browser.close();
  server.close();
}

function report(events, profile, n) {
  const per = (us) => (us / 1000 / n).toFixed(2);
  // The renderer's main thread: the one running the page's FunctionCall events.
  const threads = new Map();
  for (const e of events)
    if (e.name === 'FunctionCall') threads.set(`${e.pid}:${e.tid}`, 1 + (threads.get(`${e.pid}:${e.tid}`) ?? 0));
  const main = [...threads].sort((a, b) => b[1] - a[1])[0][0];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur);
  const byName = new Map();
  for (const e of mine) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
  console.log(
    `${testCase.name}, ${tokens} words, ${n} keystrokes: main-thread slices, ms per keystroke (nested slices overlap)`,
  );
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${per(us).padStart(7)}  ${name}`);
  // DOM events by type (keydown, input, ...): what a keystroke's dispatch spends, listeners and
  // the browser's default actions (inserting the character) included.
  const dispatch = new Map();
  for (const e of mine.filter((x) => x.name === 'EventDispatch')) {
    const type = e.args?.data?.type ?? '?';
    const [count, us] = dispatch.get(type) ?? [0, 0];
    dispatch.set(type, [count + 1, us + e.dur]);
  }
  console.log('events dispatched (count, ms per keystroke):');
  for (const [type, [count, us]] of [...dispatch].sort((x, y) => y[1][1] - x[1][1]).slice(0, 10))
    console.log(`  ${String(count).padStart(4)} ${per(us).padStart(7)}  ${type}`);
  // The layouts: how many objects, and who forced them (a script reading geometry).
  const layouts = new Map();
  for (const e of mine.filter((x) => x.name === 'Layout')) {
    const d = e.args?.beginData ?? {};
    const stack = (d.stackTrace ?? [])
      .slice(0, 3)
      .map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`)
      .join(' < ');
    const key = `${d.dirtyObjects}/${d.totalObjects ?? '?'} objects${stack ? `, forced by ${stack}` : ''}`;
    const [count, us] = layouts.get(key) ?? [0, 0];
    layouts.set(key, [count + 1, us + e.dur]);
  }
  console.log('layouts (count, ms per keystroke):');
  for (const [key, [count, us]] of [...layouts].sort((a, b) => b[1][1] - a[1][1]).slice(0, 10))
    console.log(`  ${String(count).padStart(4)} ${per(us).padStart(7)}  ${key}`);
  // Other threads with much work (the compositor, raster).
  const other = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || `${e.pid}:${e.tid}` === main) continue;
    const key = `${e.pid}:${e.tid} ${e.name}`;
    other.set(key, (other.get(key) ?? 0) + e.dur);
  }
  console.log('other threads, ms per keystroke:');
  for (const [name, us] of [...other].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${per(us).padStart(7)}  ${name}`);
  // JS self time by function.
  const self = new Map();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; ++i) {
    const f = nodes.get(profile.samples[i]).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0));
  }
  console.log('JS self time, ms per keystroke:');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${per(us).padStart(7)}  ${name}`);
}

// --timeline: the main thread's slices over 1 ms in the middle 300 ms of the trace, nested.
function timeline(events) {
  const threads = new Map();
  for (const e of events)
    if (e.name === 'FunctionCall') threads.set(`${e.pid}:${e.tid}`, 1 + (threads.get(`${e.pid}:${e.tid}`) ?? 0));
  const main = [...threads].sort((a, b) => b[1] - a[1])[0][0];
  const mine = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur > 300)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const mid = mine[mine.length >> 1].ts;
  const stack = [];
  for (const e of mine) {
    if (e.ts < mid || e.ts > mid + 300000) continue;
    while (stack.length && stack.at(-1) <= e.ts) stack.pop();
    if (stack.length < 6)
      console.log(
        `${((e.ts - mid) / 1000).toFixed(1).padStart(7)} ${'  '.repeat(stack.length)}${(e.dur / 1000).toFixed(2)} ${e.name}`,
      );
    stack.push(e.ts + e.dur);
  }
}
