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
  if (kind === 'steps') return { analysis, headIndex, focus: { row, col }, step, explain };
  if (kind === 'multihead') return { analysis, selected, focus: { row } };
  const head = analysis.heads[headIndex];
  const cross = analysis.mode === 'cross';
  return {
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
