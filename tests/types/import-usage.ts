// import-usage: a typed use of importAttention (web/lib/import.d.ts), compiled by tsc with usage.ts.
import { loadAttention } from '../../web/lib/index.js';
import type { ImportedAttention } from '../../web/lib/index.js';

const core = await loadAttention({ assets: false });
const fromJson: ImportedAttention = core.importAttention('{"tokens": [], "attention": []}', { name: 'a.json' });
const fromNpy = core.importAttention(new Uint8Array(16), { tokens: ['a', 'b'] });
const firstLayer: Float32Array = fromNpy.attention[0];
const warnings: string[] = fromJson.warnings;
// @ts-expect-error: tokens are strings
core.importAttention(new ArrayBuffer(8), { tokens: [1, 2] });

export { fromJson, firstLayer, warnings };
