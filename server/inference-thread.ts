/**
 * A model loaded in a worker thread, behind the same `Model` handle Node's `loadModel` returns: `serve` uses it so
 * inference (tokenization and ONNX Runtime) never runs on the server's event loop. One thread, one copy of the
 * model. Options that cannot cross a thread (an AbortSignal) stay on this side: scoring a batch runs to its end,
 * which is what the server's batcher wants.
 *
 * A watchdog guards every call: the thread reports progress after each scored chunk, and a call that shows no
 * progress for `stallMs` (a tokenizer regex that backtracks for minutes, a stuck runtime) is abandoned with an
 * error naming the model's files; the thread is terminated and a fresh one loads the model for the next call.
 */
import { Worker } from 'node:worker_threads';
import { proxy, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { RewardError } from '../src/core/errors';
import { untilSettled } from '../src/core/until-settled';
import type { ModelSpec } from '../src/core/types';
import type { Model, ModelInfo } from '../src/engine/contract';
import { installRewardErrorTransfer } from '../src/worker/error-transfer';
import type { InferenceThreadApi } from './inference-thread-worker';

export interface InferenceThreadOptions {
  /** Abandon a call that reports no progress for this long (default 60 s) and restart the thread. */
  stallMs?: number;
}

export const DEFAULT_STALL_MS = 60_000;

interface Thread {
  worker: Worker;
  api: Remote<InferenceThreadApi>;
  /** Rejects when the thread crashes or exits. */
  died: Promise<never>;
  info: ModelInfo;
}

async function startThread(spec: ModelSpec): Promise<Thread> {
  const worker = new Worker(new URL('./inference-thread.worker.mjs', import.meta.url));
  const api: Remote<InferenceThreadApi> = wrap<InferenceThreadApi>(nodeEndpoint(worker));
  // A thread that dies (a crash, an error before it serves) fails the call instead of leaving it pending.
  const died = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new Error(`the inference thread failed: ${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`the inference thread exited (code ${code})`)));
  });
  died.catch(() => undefined);
  try {
    return { worker, api, died, info: await Promise.race([api.load(spec), died]) };
  } catch (e) {
    await worker.terminate();
    throw e;
  }
}

export async function loadModelInThread(
  spec: ModelSpec,
  options: InferenceThreadOptions = {},
): Promise<Model> {
  installRewardErrorTransfer();
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  let thread: Thread | Promise<Thread> = await startThread(spec);
  const info = thread.info;
  const warnings: string[] = [];
  let closing: Promise<void> | undefined;

  /** Runs `f` on the thread; a stall or a crash replaces the thread (the next call waits for the new one). */
  async function guarded<T>(
    what: string,
    f: (api: Remote<InferenceThreadApi>, beat: () => void) => Promise<T>,
  ) {
    if (closing) throw new RewardError('model', 'the model was disposed');
    const t = await thread;
    let timer: NodeJS.Timeout | undefined;
    let stalled!: (e: Error) => void;
    const stall = new Promise<never>((_, reject) => (stalled = reject));
    const beat = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          stalled(
            new RewardError(
              'model',
              `The inference thread showed no progress for ${stallMs < 1000 ? `${stallMs} ms` : `${Math.round(stallMs / 1000)} s`} while ${what} with ${info.id}, so the call was abandoned and the thread restarted. ` +
                `A tokenizer.json whose pre-tokenizer or normalizer regex backtracks badly on some inputs can do this; try the same input with another model, or raise serve --inference-stall-s.`,
            ),
          ),
        stallMs,
      );
    };
    beat();
    try {
      return await Promise.race([f(t.api, beat), stall, t.died]);
    } catch (e) {
      // Only the first failure on this thread replaces it; calls queued behind it fail with their own error.
      if (thread === t && !closing) {
        thread = t.worker.terminate().then(() => startThread(spec));
        thread.catch(() => undefined);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  const model: Model = {
    info,
    warnings,
    async score(inputs, options = {}) {
      const { weights, alpha, truncate } = options;
      // Quiet once the call settles: a report can arrive after the result (core/until-settled.ts).
      const { report, settle } = untilSettled(options.onProgress);
      const results = await guarded(`scoring ${inputs.length} input(s)`, (api, beat) =>
        api.score(
          inputs,
          { weights, alpha, truncate },
          proxy((done: number, total: number) => {
            beat();
            report(done, total);
          }),
        ),
      ).finally(settle);
      // The model's standing warnings live in the thread: refreshed after each call.
      const now = await guarded('reading warnings', (api) => api.warnings());
      for (const w of now) if (!warnings.includes(w)) warnings.push(w);
      return results;
    },
    render: (input) => guarded('rendering an input', (api) => api.render(input)),
    // Idempotent: a second dispose (the server's onClose and its owner) must not call into a stopped thread.
    dispose() {
      closing ??= Promise.resolve(thread)
        .then((t) =>
          t.api
            .dispose()
            .catch(() => undefined)
            .then(() => t.worker.terminate()),
        )
        .then(
          () => undefined,
          () => undefined,
        );
      return closing;
    },
  };
  if (info.capabilities.prefixCurve) {
    model.prefixCurve = (input, options = {}) => {
      const { signal: _signal, onProgress, ...wire } = options;
      const { report, settle } = untilSettled(onProgress);
      return guarded('computing a prefix curve', (api, beat) =>
        api.prefixCurve(
          input,
          wire,
          proxy((done: number, total: number) => {
            beat();
            report(done, total);
          }),
        ),
      ).finally(settle);
    };
  }
  return model;
}
