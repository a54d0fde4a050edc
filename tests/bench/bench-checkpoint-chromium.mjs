// bench-checkpoint-chromium: bench-checkpoint.mjs's comparison in headless Chromium (issue 17's
// setting): the GPT-2-small-shaped hub checkpoint (gpt2-hub.mjs, F32, 498 MB) served over HTTP
// from this machine, then in the page
//   load    - attn.loadCheckpoint(url) (the response streamed in 8 MB slices into the wasm heap)
//             against fetching the same URL and reading its body to the end;
//   forward - m.run() at 16 and 64 tokens (logits and all 144 heads' probabilities) against
//             onnxruntime-web 1.31 (wasm, 1 thread) on the same weights as an ONNX graph with
//             every layer's attention probabilities as outputs; rounds alternated; medians of
//             wall time (performance.now: the only clock a page has).
// The model and ORT's files come from a second local server (CORS open); the site from dist/.
// Writes artifacts/bench/bench-checkpoint-chromium.json. Not a test: nothing is asserted.
//
//   node tests/bench/bench-checkpoint-chromium.mjs [--tokens 16,64 | none] [--repeats 5]

import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startHarness } from '../browser/harness.mjs';
import { GPT2_SMALL } from './bench-forward.mjs';
import { gpt2Graph, hubWeights, writeHubCheckpoint } from './gpt2-hub.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ortDist = join(root, 'node_modules/onnxruntime-web/dist');

function parseArgs(argv) {
  const args = { tokens: [16, 64], repeats: 5 };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--tokens') args.tokens = argv[++i] === 'none' ? [] : argv[i].split(',').map(Number);
    else if (argv[i] === '--repeats') args.repeats = Number(argv[++i]);
    else throw new Error(`bench-checkpoint-chromium: unknown argument ${argv[i]}`);
  }
  return args;
}

/** A static server for dir (model files) and /ort/ (onnxruntime-web's dist), CORS open. */
function serveFiles(dir) {
  const types = { '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((req, res) => {
    const name = basename(new URL(req.url, 'http://x').pathname);
    const path = req.url.startsWith('/ort/') ? join(ortDist, name) : join(dir, name);
    let size;
    try {
      size = statSync(path).size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    const ext = name.slice(name.lastIndexOf('.'));
    res.writeHead(200, {
      'Content-Length': size,
      'Content-Type': types[ext] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

// Runs in the page: every measurement, returned as plain numbers.
async function inPage({ files, tokens, repeats, vocabSize }) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const { loadAttention } = await import('./lib/index.js');
  const attn = await loadAttention({ assets: false });
  const readAll = async () => {
    const reader = (await fetch(`${files}model.safetensors`)).body.getReader();
    let n = 0;
    for (let r; !(r = await reader.read()).done;) n += r.value.length;
    return n;
  };
  const load = [];
  const read = [];
  await readAll(); // warm
  for (let r = 0; r < repeats; ++r) {
    let t0 = performance.now();
    await readAll();
    read.push(performance.now() - t0);
    t0 = performance.now();
    const m = await attn.loadCheckpoint(`${files}model.safetensors`);
    load.push(performance.now() - t0);
    m.dispose();
  }
  const heapBefore = attn.memoryStats().wasmBytes;
  const m = await attn.loadCheckpoint(`${files}model.safetensors`);
  const wasmBytes = attn.memoryStats().wasmBytes;
  const ort = tokens.length ? await import(`${files}ort/ort.wasm.min.mjs`) : null;
  if (ort) ort.env.wasm.numThreads = 1;
  if (ort) ort.env.wasm.wasmPaths = `${files}ort/`;
  const forward = [];
  for (const T of tokens) {
    const session = await ort.InferenceSession.create(`${files}gpt2_${T}.onnx`, { executionProviders: ['wasm'] });
    const ids = Array.from({ length: T }, (_, i) => (i * 7919) % vocabSize);
    const feeds = {
      ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [T]),
      positions: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: T }, (_, i) => BigInt(i)),
        [T],
      ),
    };
    const ours = [];
    const theirs = [];
    const runOrt = async () => {
      const out = await session.run(feeds);
      const logits = out.logits.data;
      for (const t of Object.values(out)) t.dispose?.();
      return logits;
    };
    const a = m.run({ tokenIds: ids }).logits;
    const b = await runOrt();
    let diff = 0;
    let scale = 0;
    b.forEach((x, i) => ((diff = Math.max(diff, Math.abs(a[i] - x))), (scale = Math.max(scale, Math.abs(x)))));
    for (let r = 0; r < repeats + 1; ++r) {
      let t0 = performance.now();
      m.run({ tokenIds: ids });
      const mine = performance.now() - t0;
      t0 = performance.now();
      await runOrt();
      if (r > 0) (ours.push(mine), theirs.push(performance.now() - t0));
    }
    await session.release();
    forward.push({
      tokens: T,
      oursMs: median(ours),
      ortMs: median(theirs),
      ratio: median(theirs) / median(ours),
      ortLogitsRelError: diff / scale,
    });
  }
  m.dispose();
  return {
    loadMs: median(load),
    readMs: median(read),
    load,
    read,
    heapBefore,
    wasmBytes,
    forward,
    userAgent: navigator.userAgent,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const s = { ...GPT2_SMALL, vocabSize: 50257 };
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-ckpt-'));
  const weights = hubWeights(s);
  const fileBytes = writeHubCheckpoint(join(dir, 'model.safetensors'), s, weights);
  for (const T of args.tokens) writeFileSync(join(dir, `gpt2_${T}.onnx`), gpt2Graph(s, weights, T));
  const server = await serveFiles(dir);
  const harness = await startHarness();
  try {
    const { page } = await harness.openPage('embed.html');
    page.setDefaultTimeout(0);
    const files = `http://127.0.0.1:${server.address().port}/`;
    const r = await page.evaluate(inPage, {
      files,
      tokens: args.tokens,
      repeats: args.repeats,
      vocabSize: s.vocabSize,
    });
    const report = { date: new Date().toISOString(), loadAverage: os.loadavg(), fileBytes, shape: s, ...r };
    const out = join(root, 'artifacts/bench/bench-checkpoint-chromium.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(
      `Chromium (${r.userAgent.match(/Chrome\/[\d.]+/)?.[0]}), load average ${report.loadAverage.map((x) => x.toFixed(1)).join(' ')}:`,
    );
    console.log(
      `load ${r.loadMs.toFixed(0)} ms vs fetching and reading the file ${r.readMs.toFixed(0)} ms (${(r.loadMs / r.readMs).toFixed(2)}x); wasm heap ${(r.wasmBytes / 1e6).toFixed(0)} MB for ${(fileBytes / 1e6).toFixed(0)} MB of F32`,
    );
    console.log('| tokens | ours ms | ORT-web ms | ORT/ours | ORT logits vs ours |\n|---|---|---|---|---|');
    for (const f of r.forward)
      console.log(
        `| ${f.tokens} | ${f.oursMs.toFixed(1)} | ${f.ortMs.toFixed(1)} | ${f.ratio.toFixed(2)}x | ${f.ortLogitsRelError.toExponential(1)} |`,
      );
    console.log(`JSON: ${out}`);
  } finally {
    await harness.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
