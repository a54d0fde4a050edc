// api-trainer: a small transformer learning a task (induction, reverse, sort, copy, brackets),
// step by step, in the C++ engine (src/train/trainer.h through bindings/trainer_bindings.cpp);
// the playground's Train mode drives it from a Web Worker. This file checks options so a mistake
// reads as "createTrainer: heads (3) must divide embedDim (64)", keeps the handle's lifetime
// (dispose(), or garbage collection) and hands out the trained model as the same kind of object
// createTransformer gives. It never computes a model number itself.

import { describe, unwrap } from './errors.js';
import {
  checkBool,
  checkChoice,
  checkFinite,
  checkInt,
  checkObject,
  fail,
  wrapTransformer,
} from './api-transformer.js';
import { holdHandle } from './wasm-handle.js';

export const TASKS = Object.freeze(['induction', 'reverse', 'sort', 'copy', 'brackets']);

function checkRange(where, name, value, min, max, fallback) {
  const v = checkInt(where, name, value, { min, fallback });
  if (v > max) fail(where, `${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  return v;
}

/**
 * createTrainer's options -> the object the core's create() reads. What the caller leaves out
 * comes from the task's defaults (the core's task_defaults: the settings measured to learn it).
 */
function trainerArgs(core, options) {
  const where = 'createTrainer';
  checkObject(where, options);
  const task = checkChoice(where, 'task', options.task, TASKS, 'induction');
  const d = core.trainerDefaults(task);
  const embedDim = checkRange(where, 'embedDim', options.embedDim, 8, 256, d.embedDim);
  const heads = checkRange(where, 'heads', options.heads, 1, 8, d.heads);
  if (embedDim % heads !== 0) fail(where, `heads (${heads}) must divide embedDim (${embedDim})`);
  const lr = checkFinite(where, 'lr', options.lr, Number(d.lr.toPrecision(6))); // d.lr is a float32
  if (!(lr > 0 && lr <= 1)) fail(where, `lr must be in (0, 1], got ${describe(options.lr)}`);
  return {
    task,
    layers: checkRange(where, 'layers', options.layers, 1, 6, d.layers),
    heads,
    embedDim,
    attentionOnly: checkBool(where, 'attentionOnly', options.attentionOnly, d.attentionOnly),
    lr,
    batch: checkRange(where, 'batch', options.batch, 1, 256, d.batch),
    seed: checkInt(where, 'seed', options.seed, { fallback: 0 }) >>> 0,
  };
}

// The trainer's model as createTransformer's object: run and save go to the trainer's model;
// it is trained only through the trainer (its optimizer state lives there).
function modelOf(handle, alive, config) {
  const gone = { error: 'transformer: its trainer was disposed' };
  return wrapTransformer(
    {
      run: (args) => (alive() ? handle.modelRun(args) : gone),
      trainStep: () => ({ error: "trainStep: this model belongs to a trainer; use the trainer's train()" }),
      save: () => (alive() ? handle.modelSave() : gone),
      delete() {},
    },
    config,
  );
}

export function trainerApi(core) {
  return {
    /**
     * { task, layers, heads, embedDim, attentionOnly, lr, batch, seed } (all optional) -> a trainer:
     * train({steps}), evaluate({examples}), probe(), model, dispose(). See trainer.d.ts.
     */
    createTrainer(options = {}) {
      const args = trainerArgs(core, options);
      const handle = new core.TrainerHandle();
      let info;
      try {
        info = unwrap(handle.create(args));
      } catch (error) {
        handle.delete();
        throw error;
      }
      const held = holdHandle(handle, () => fail('trainer', 'this trainer was disposed; create a new one'));
      const trainer = held.get;
      const api = Object.freeze({
        /** The options in use plus the task's { vocabSize, seqLen, firstScored }. */
        config: Object.freeze({
          ...args,
          vocabSize: info.vocabSize,
          seqLen: info.seqLen,
          firstScored: info.firstScored,
        }),
        model: modelOf(handle, held.alive, info.model),
        /** { steps } -> { step, loss, accuracy } averaged over those steps' training batches. */
        train(options = {}) {
          checkObject('train', options);
          const steps = checkRange('train', 'steps', options.steps, 1, 100000, 1);
          return unwrap(trainer().train(steps));
        },
        /** { examples } -> { accuracy, examples } on fresh held-out examples (exact tokens, scored positions). */
        evaluate(options = {}) {
          checkObject('evaluate', options);
          const examples = checkRange('evaluate', 'examples', options.examples, 1, 100000, 256);
          return unwrap(trainer().evaluate(examples));
        },
        /** The fixed probe example: tokens, every layer x head's weights, labels, scores and events. */
        probe() {
          return unwrap(trainer().probe());
        },
        /** Frees the trainer and its model's wasm memory; later calls throw. Safe to call twice. */
        dispose: held.dispose,
      });
      return held.track(api);
    },
  };
}
