// train-settings: the Train mode's settings (shared/state.js's issue-19 rows) as the options
// createTrainer takes, for the page and the widget alike. The table checks each value alone; this
// checks what only the pair can: the model width must be a multiple of the heads per layer (each
// head gets embed / heads dimensions), so a link asking for embed=50 with 3 heads gets 51, with a
// sentence saying so. Unset values (null) are left out: the trainer's defaults apply. No DOM here.

/** The trainer's default width (web/lib/api-trainer.js), used only to fit it to the heads. */
const DEFAULT_EMBED = 64;
const MIN_EMBED = 16;
const MAX_EMBED = 128;

// The multiple of heads nearest to width, within [MIN_EMBED, MAX_EMBED].
function fitWidth(width, heads) {
  const down = Math.floor(width / heads) * heads;
  const up = down + heads;
  const candidates = [down, up].filter((w) => w >= MIN_EMBED && w <= MAX_EMBED);
  return candidates.sort((a, b) => Math.abs(a - width) - Math.abs(b - width))[0];
}

/**
 * state (readState's) -> { options: createTrainer's options (only the values set), problems:
 * sentences for the reader, key: a string that changes exactly when the options do }.
 */
export function trainerOptions(state) {
  const problems = [];
  const options = { task: state.task };
  if (state.layers !== null) options.layers = state.layers;
  if (state.headsPerLayer !== null) options.heads = state.headsPerLayer;
  if (state.attentionOnly !== null) options.attentionOnly = state.attentionOnly;
  if (state.lr !== null) options.lr = state.lr;
  if (state.batch !== null) options.batch = state.batch;
  if (state.seed !== null) options.seed = state.seed;
  const heads = options.heads ?? 1;
  const width = state.embed ?? DEFAULT_EMBED;
  if (width % heads !== 0) {
    const fitted = fitWidth(width, heads);
    problems.push(
      `The model width ${width} is not a multiple of ${heads} heads per layer (each head gets an equal share); using ${fitted}.`,
    );
    options.embedDim = fitted;
  } else if (state.embed !== null) options.embedDim = state.embed;
  const key = JSON.stringify(Object.entries(options).sort());
  return { options, problems, key };
}
