// web/tools/export_attentions.py writes what importAttention reads: its attentions_to_json() is
// run on a fake output_attentions (a tuple of PyTorch tensors of shape (1, H, T, T), softmax
// rows) with Debian's python3-torch, and the JSON it prints is opened by importAttention, every
// number in place. transformers itself is not installed here, so main() is not run. Skipped
// (and says so) when /usr/bin/python3 has no torch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importAttention } from '../../web/lib/api-import.js';

const TOOLS = fileURLToPath(new URL('../../web/tools/', import.meta.url));
const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import json, sys, torch
sys.path.insert(0, ${JSON.stringify(TOOLS)})
from export_attentions import attentions_to_json
torch.manual_seed(0)
tokens = ['[CLS]', 'un', '##aff', '##able', '[SEP]']
attentions = tuple(torch.softmax(torch.randn(1, 3, 5, 5), dim=-1) for _ in range(2))
data = attentions_to_json(tokens, attentions, 'fake-bert')
data['expected'] = [a[0].reshape(-1).tolist() for a in attentions]
try:
    attentions_to_json(tokens[:4], attentions)
except ValueError as e:
    data['error'] = str(e)
json.dump(data, sys.stdout)
`;

test('the exporter’s JSON opens with importAttention, numbers in place', (t) => {
  const run = spawnSync(PYTHON, ['-c', SCRIPT], { encoding: 'utf8' });
  if (run.error || /No module named '?torch/.test(run.stderr)) return t.skip(`no torch in ${PYTHON}`);
  assert.equal(run.status, 0, run.stderr);
  const data = JSON.parse(run.stdout);
  assert.equal(data.model, 'fake-bert');
  assert.match(data.error, /layer 0 has shape \(1, 3, 5, 5\); expected \(1, heads, 4, 4\)/);
  const imported = importAttention(run.stdout, { name: 'fake.json' });
  assert.deepEqual([imported.layers, imported.heads, imported.T], [2, 3, 5]);
  assert.deepEqual(
    imported.tokens.map((t) => t.text),
    ['[CLS]', 'un', '##aff', '##able', '[SEP]'],
  );
  assert.deepEqual(imported.warnings, []);
  data.expected.forEach((layer, l) => assert.deepEqual(Array.from(imported.attention[l]), layer.map(Math.fround)));
});
