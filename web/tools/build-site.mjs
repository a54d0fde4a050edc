// build-site: assembles the whole static site into dist/ (gitignored) from web/, the wasm
// build output and the committed assets. All URLs inside are relative, so dist/ can be
// hosted at any path. Usage: node web/tools/build-site.mjs [--wasm-dir build/wasm-release/web ...]
import { cp, mkdir, rm, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// The JS API and the page sources.
await copyInto(join(root, 'web/lib'), join(dist, 'lib'));
await copyInto(join(root, 'web/app'), join(dist, 'app'));
// The embeddable widget (dist/attention-playground.js imports it) and the iframe page's script.
await copyInto(join(root, 'web/widget'), join(dist, 'widget'));
for (const page of await readdir(join(root, 'web'))) {
  if (/\.(html|js|svg)$/.test(page)) await cp(join(root, 'web', page), join(dist, page));
}
// Committed binary assets the core loads at run time (word vectors, tagger, lexicon).
for (const file of existsSync(join(root, 'src/data')) ? await readdir(join(root, 'src/data')) : []) {
  // Provenance notes and test samples stay in the repository; only the assets ship.
  if (file.endsWith('.md') || file.includes('_sample') || file.includes('_heldout')) continue;
  if ((await stat(join(root, 'src/data', file))).isFile())
    await cp(join(root, 'src/data', file), join(dist, 'lib/assets', file));
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
// level at a time, a round trip each. A page with a <!-- modulepreload… --> comment gets, in
// its place, one <link rel="modulepreload"> per module of its entry script's static import
// graph, so every module is requested at once (~150 ms less to the playground's first matrix).
// A page whose graph loads the core (lib/index.js) also preloads the data assets (~2.6 MB, most
// of the page's bytes): they are otherwise requested only once every module has run. The wasm
// is not preloaded: which module to fetch (SIMD or not) is decided by a feature test at run time.
async function preloadModules() {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { relative } = await import('node:path');
  const MARKER = /<!-- modulepreload[^>]*-->/;
  const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const page of await readdir(dist)) {
    if (!page.endsWith('.html')) continue;
    const html = await readFile(join(dist, page), 'utf8');
    const entry = /<script type="module" src="\.\/([^"]+)"/.exec(html);
    if (!MARKER.test(html) || !entry) continue;
    const seen = new Set();
    const visit = async (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of (await readFile(file, 'utf8')).matchAll(IMPORT)) await visit(resolve(dirname(file), spec));
    };
    await visit(join(dist, entry[1]));
    seen.delete(join(dist, entry[1]));
    const links = [...seen].map((file) => `<link rel="modulepreload" href="./${relative(dist, file)}" />`);
    if (seen.has(join(dist, 'lib/index.js'))) {
      const { ASSET_FILES } = await import('../lib/assets.js');
      // as="fetch" + crossorigin matches the fetch() in web/lib/load-module.js, which reuses the response.
      for (const name of Object.values(ASSET_FILES))
        links.push(`<link rel="preload" href="./lib/assets/${name}" as="fetch" crossorigin />`);
    }
    await writeFile(join(dist, page), html.replace(MARKER, links.join('\n    ')));
  }
}

// The tutorial (web/tutorial, MkDocs + Material) goes to dist/tutorial/. Without mkdocs the rest
// of the site still builds; the tutorial is then missing and the message says how to get it.
async function buildTutorial() {
  const { spawnSync } = await import('node:child_process');
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
