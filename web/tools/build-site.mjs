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
if (wasmDirs.length === 0) wasmDirs.push(join(root, 'build/wasm-release/web'), join(root, 'build/wasm-nosimd-release/web'));

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
for (const page of await readdir(join(root, 'web'))) {
  if (/\.(html|js|svg)$/.test(page)) await cp(join(root, 'web', page), join(dist, page));
}
// Committed binary assets the core loads at run time (word vectors, tagger, lexicon).
for (const file of existsSync(join(root, 'src/data')) ? await readdir(join(root, 'src/data')) : []) {
  if ((await stat(join(root, 'src/data', file))).isFile()) await cp(join(root, 'src/data', file), join(dist, 'lib/assets', file));
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
  console.error('build-site: no attention_core.wasm found; build it first: cmake --preset wasm-release && cmake --build --preset wasm-release');
  process.exit(1);
}
console.log(`build-site: wrote ${dist} (${modules} module files)`);
