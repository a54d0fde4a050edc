// Page security lint: no web/ source may build HTML from strings (innerHTML, outerHTML,
// insertAdjacentHTML, document.write), so text a person types can never become markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const FORBIDDEN = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'site' && entry.name !== 'node_modules') yield* sources(path);
    } else if (/\.(m?js|html)$/.test(entry.name)) {
      yield path;
    }
  }
}

test('no web/ source builds HTML from strings', async () => {
  const offenders = [];
  let scanned = 0;
  for await (const file of sources(web)) {
    scanned += 1;
    (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
      if (FORBIDDEN.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.ok(scanned >= 5, `scanned only ${scanned} files`);
  assert.deepEqual(offenders, []);
});
