// model-files: what a set of files a person opened or dropped on the page is — a checkpoint
// (.safetensors, with BERT's vocab.txt and an optional config.json) or attention computed
// elsewhere (.json { tokens, attention } or .npy, with an optional tokens file) — read from
// their disk only (nothing is uploaded). The checkpoint itself is handed to the core as the File,
// which reads it in slices; this file reads only the small text files whole.

/** A checkpoint whose float32 weights could not fit the 4 GB WebAssembly heap (F16 files double). */
export const MAX_CHECKPOINT_BYTES = 3 * 1024 ** 3;
const TEXT_LIMIT = 64 * 1024 ** 2; // vocab, config, tokens and attention JSON files read whole

const ext = (file) => /\.([a-z0-9]+)$/i.exec(file.name)?.[1].toLowerCase() ?? '';

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function readText(file, what) {
  if (file.size > TEXT_LIMIT)
    throw new Error(`${file.name} is ${(file.size / 1024 ** 2).toFixed(0)} MB; a ${what} this large is not expected`);
  return file.text();
}

/**
 * files: File[] -> { kind: 'checkpoint', model: File, vocab?: string, config?: object, names }
 *                | { kind: 'import', attention: File, tokens?: string[], names }
 * Throws an Error with a sentence for the person when the set makes no sense.
 */
export async function classifyFiles(files) {
  const list = [...files];
  if (!list.length) throw new Error('No file was opened.');
  const names = list.map((f) => f.name).join(', ');
  const models = list.filter((f) => ext(f) === 'safetensors');
  const npys = list.filter((f) => ext(f) === 'npy');
  const jsons = list.filter((f) => ext(f) === 'json');
  const txts = list.filter((f) => ext(f) === 'txt');
  const unknown = list.filter((f) => !['safetensors', 'npy', 'json', 'txt'].includes(ext(f)));
  if (unknown.length)
    throw new Error(
      `${unknown.map((f) => f.name).join(', ')}: not a file this page opens. Open a model.safetensors (with vocab.txt and config.json for BERT), or attention as .json or .npy.`,
    );
  if (models.length > 1) throw new Error(`Open one model at a time (${plural(models.length, 'checkpoint')} given).`);
  if (models.length) {
    const [model] = models;
    if (model.size > MAX_CHECKPOINT_BYTES)
      throw new Error(
        `${model.name} is ${(model.size / 1024 ** 3).toFixed(1)} GB: too big to run in a browser tab (WebAssembly memory stops at 4 GB). Try a smaller model such as distilgpt2 or bert-base-uncased.`,
      );
    const vocab = txts.length ? await readText(txts[0], 'vocabulary') : undefined;
    let config;
    if (jsons.length) {
      try {
        config = JSON.parse(await readText(jsons[0], 'config'));
      } catch (error) {
        throw new Error(`${jsons[0].name} is not valid JSON (${error.message}).`);
      }
    }
    return { kind: 'checkpoint', model, vocab, config, names };
  }
  // Attention computed elsewhere: one .npy (tokens from a .txt, one per line, or a .json list)
  // or one .json { tokens, attention }.
  if (npys.length > 1 || (npys.length && jsons.length > 1) || (!npys.length && jsons.length > 1))
    throw new Error(`Open one attention file at a time (got ${names}).`);
  if (npys.length) {
    let tokens;
    if (txts.length) tokens = (await readText(txts[0], 'tokens file')).replace(/\r?\n$/, '').split(/\r?\n/);
    else if (jsons.length) {
      try {
        tokens = JSON.parse(await readText(jsons[0], 'tokens file'));
      } catch (error) {
        throw new Error(`${jsons[0].name} is not valid JSON (${error.message}).`);
      }
    }
    return { kind: 'import', attention: npys[0], tokens, names };
  }
  if (jsons.length) return { kind: 'import', attention: jsons[0], names };
  throw new Error(
    `${names}: a vocabulary or tokens file alone shows nothing. Open it together with its model.safetensors (or .npy).`,
  );
}
