// view-model: the one function that shapes a view's input from an analysis (attn.analyze()'s
// result). The page and the widget both call it, so a view gets the same data on the same
// settings. It picks slices of what the core computed; it computes no number itself.

/**
 * kind: 'matrix' | 'lines' | 'strip' | 'steps' | 'multihead'; analysis: from attn.analyze();
 * ctx: {head: index of the head shown, focus: {row, col|null}, step, selected: head indices,
 *       explain: (head, query, key) -> explainScore result, titled: false to leave titles out}
 * -> the data the view's update() takes (see each view's header).
 */
export function viewModel(kind, analysis, ctx) {
  const { head: headIndex = 0, focus = { row: 0, col: null }, step = 0, selected = [headIndex], explain } = ctx;
  const T = analysis.tokens.length;
  const S = analysis.sourceTokens.length;
  const row = Math.min(focus.row ?? 0, Math.max(0, T - 1));
  const col = focus.col !== null && focus.col !== undefined && focus.col < S ? focus.col : null;
  if (kind === 'steps') {
    const quiet = quietRows(analysis, analysis.heads[headIndex]);
    return { analysis, headIndex, focus: { row, col }, step, explain, quiet };
  }
  if (kind === 'multihead') return { analysis, selected, focus: { row } };
  const head = analysis.heads[headIndex];
  const cross = analysis.mode === 'cross';
  return {
    quiet: quietRows(analysis, head),
    rows: analysis.tokens,
    cols: analysis.sourceTokens,
    weights: head.weights,
    mask: head.mask,
    focus: { row, col },
    rowsTitle: cross ? 'target' : 'word asking',
    colsTitle: cross ? 'source' : 'words looked at',
    title: ctx.titled === false ? '' : `Head “${head.name}”: ${head.description}`,
    // a cell's "why this score" (the matrix's popover): the core's named contributions
    explain: explain ? (query, key) => explain(headIndex, query, key) : null,
  };
}

/**
 * Where the head has nothing to do (the core's evidence, see web/lib/index.d.ts HeadEvidence):
 * {idle: Uint8Array(T), reasons: string[T] ('' where the head has a signal), words: the idle
 * rows' words} or null when the analysis carries no evidence. The sentences only restate the
 * core's verdict and numbers.
 */
export function quietRows(analysis, head) {
  const e = head?.evidence;
  const T = analysis.tokens.length;
  if (!e || e.idle.length !== T) return null;
  const where = analysis.mode === 'cross' ? 'source' : 'sentence';
  const reasons = analysis.tokens.map((t, r) => {
    if (!e.idle[r]) return '';
    if (!Number.isFinite(e.best[r])) return `“${t.text}” has no other word it may look at.`;
    if (!e.asks[r])
      return `${head.name} asks only from ${head.asksFor}; “${t.text}” is not one, so its row means nothing.`;
    return `Nothing in the ${where} is what ${head.name} looks for from “${t.text}” (best match ${e.best[r].toFixed(1)}, it needs ${head.minEvidence}): the weights are spread for lack of anything to find.`;
  });
  return { idle: e.idle, reasons, words: analysis.tokens.filter((_, r) => e.idle[r]).map((t) => t.text) };
}
