// Types of importAttention (web/lib/api-import.js): attention computed elsewhere (Hugging Face /
// BertViz JSON, CircuitsVis JSON, NumPy .npy) in the layout the models' run() returns.

export interface ImportedAttention {
  source: 'imported';
  format: 'json' | 'npy';
  /** The file name given in the options ('' when none). */
  name: string;
  tokens: { text: string }[];
  layers: number;
  heads: number;
  T: number;
  /** One Float32Array (H·T·T) per layer, row-major (head, query, key): the file's numbers. */
  attention: Float32Array[];
  /** Rows that do not sum to 1, negative weights, numbered tokens: said, not changed. */
  warnings: string[];
}

export interface ImportApi {
  /** JSON text or the bytes of a .json / .npy file; tokens name a .npy's T positions. Throws AttentionError. */
  importAttention(
    input: string | Uint8Array | ArrayBuffer,
    options?: { name?: string; tokens?: string[] },
  ): ImportedAttention;
}
