// attention-playground.js: the one file a tutorial page loads to get live attention examples.
//
//   <script type="module" src="path/to/attention-playground.js"></script>
//   <attention-playground sentence="The cat sat on the mat" mode="causal" head="Grammar"></attention-playground>
//
// It registers the <attention-playground> element (web/widget/element.js). The element finds
// the wasm core, the views and its styles next to this file (import.meta.url), so the page
// that loads it may live anywhere. Every widget on a page shares one wasm instance.
import { AttentionPlayground, defineAttentionPlayground } from './widget/element.js';

defineAttentionPlayground();

export { AttentionPlayground };
