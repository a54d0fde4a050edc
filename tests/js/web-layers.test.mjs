// The folders of web/ depend one way: lib (the JS API) <- shared (state, DOM and colour helpers)
// <- views <- app (the page) and widget (the element); app and widget never import each other,
// and nothing below imports from above. Reads every static and dynamic relative import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
// folder -> the folders its modules may import from (itself included)
const ALLOWED = {
  lib: ['lib'],
  shared: ['shared', 'lib'],
  views: ['views', 'shared'],
  app: ['app', 'views', 'shared', 'lib'],
  widget: ['widget', 'views', 'shared', 'lib'],
};
const IMPORT =
  /(?:^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*|import\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]*)['"]/gm;

/** Every relative module import (static, import() or new URL('….js')) in web/<folder>/**.js as {file, spec, target folder}. */
function importsOf(folder) {
  const found = [];
  for (const entry of readdirSync(join(WEB, folder), { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const file = join(WEB, folder, entry);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!spec.endsWith('.js')) continue; // a page or a stylesheet URL, not a module
      const target = relative(WEB, join(dirname(file), spec)).split('/')[0];
      found.push({ file: relative(WEB, file), spec, target });
    }
  }
  return found;
}

for (const [folder, allowed] of Object.entries(ALLOWED)) {
  test(`web/${folder} imports only from ${allowed.join(', ')}`, () => {
    const imports = importsOf(folder);
    assert.ok(imports.length > 0, `no imports found in web/${folder}: the scan is broken`);
    const wrong = imports.filter((i) => !allowed.includes(i.target));
    assert.deepEqual(
      wrong.map((i) => `${i.file} imports ${i.spec}`),
      [],
    );
  });
}

test('the scan sees a forbidden import (app -> widget) when there is one', () => {
  const text = "import { x } from '../widget/element.js';\nconst m = await import('../app/main.js');";
  const specs = [...text.matchAll(IMPORT)].map((m) => m[1]);
  assert.deepEqual(specs, ['../widget/element.js', '../app/main.js']);
});
