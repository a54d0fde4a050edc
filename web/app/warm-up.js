// warm-up: while the page is idle after loading, runs the core on a 64-word sentence in each mode
// a few times, so that the browser has compiled the core's hot code with its optimizing tier
// before the reader types. Browsers first run WebAssembly from a quick baseline compile and
// recompile a function once it has run enough; without this, that recompilation (about 0.9 s
// of background compiling in Chromium for this core) fell on the first second of typing and
// slowed those keystrokes. Each step is one analyze() call in its own idle callback, so a
// reader's input is never queued behind more than one call. Nothing is shown or kept: the
// results are dropped, and the core frees their memory as it does for every call.

const EN =
  'the cat that was sleeping on the warm mat suddenly woke up and ran to the door because it heard a dog bark loudly in the garden near the old house where John ate his lunch while his sister read a long letter from her friend who lives in Paris and she smiled at every kind word of it because it made her think of the summer';
const FR = 'le chat dort sur le tapis chaud près de la porte et le chien aboie dans le jardin de la vieille maison';

/** The calls, in order: every mode `rounds` times (64 words, the core's limit). */
const calls = (rounds) =>
  Array.from({ length: rounds }, () => [
    { text: EN, mode: 'self' },
    { text: EN, mode: 'causal' },
    { text: EN, mode: 'cross', source: FR, sourceLang: 'fr' },
  ]).flat();

/**
 * Runs the warm-up calls on attn, one per idle period -> Promise resolved with the number of
 * calls made once all have run. A failing call ends the warm-up early (it is only a head start:
 * the page does not depend on it).
 */
export function warmUp(attn, { rounds = 6 } = {}) {
  const idle = globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 0));
  const queue = calls(rounds);
  let made = 0;
  return new Promise((resolve) => {
    const step = () => {
      if (made === queue.length) return resolve(made);
      try {
        attn.analyze(queue[made]);
        ++made;
      } catch {
        return resolve(made);
      }
      idle(step);
    };
    idle(step);
  });
}
