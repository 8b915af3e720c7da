/**
 * A model loaded in a worker thread, behind the same `Model` handle Node's `loadModel` returns: `serve` uses it so
 * inference (tokenization and ONNX Runtime) never runs on the server's event loop. One thread, one copy of the
 * model. Options that cannot cross a thread (an AbortSignal, a progress callback) stay on this side: scoring a
 * batch runs to its end, which is what the server's batcher wants.
 */
import { Worker } from 'node:worker_threads';
import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ModelSpec } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { installRewardErrorTransfer } from '../src/worker/error-transfer';
import type { InferenceThreadApi } from './inference-thread-worker';

export async function loadModelInThread(spec: ModelSpec): Promise<Model> {
  installRewardErrorTransfer();
  const worker = new Worker(new URL('./inference-thread.worker.mjs', import.meta.url));
  const api: Remote<InferenceThreadApi> = wrap<InferenceThreadApi>(nodeEndpoint(worker));
  // A thread that dies (a crash, an error before it serves) fails the load instead of leaving it pending.
  const died = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new Error(`the inference thread failed: ${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`the inference thread exited (code ${code})`)));
  });
  died.catch(() => undefined);
  let info;
  try {
    info = await Promise.race([api.load(spec), died]);
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const warnings: string[] = [];
  let closing: Promise<void> | undefined;
  const model: Model = {
    info,
    warnings,
    async score(inputs, options = {}) {
      const { weights, alpha, truncate } = options;
      const results = await api.score(inputs, { weights, alpha, truncate });
      // The model's standing warnings live in the thread: refreshed after each call.
      for (const w of await api.warnings()) if (!warnings.includes(w)) warnings.push(w);
      return results;
    },
    render: (input) => api.render(input),
    // Idempotent: a second dispose (the server's onClose and its owner) must not call into a stopped thread.
    dispose() {
      closing ??= api
        .dispose()
        .catch(() => undefined)
        .then(() => worker.terminate())
        .then(() => undefined);
      return closing;
    },
  };
  if (info.capabilities.prefixCurve) {
    model.prefixCurve = (input, options = {}) => {
      const { signal: _signal, onProgress: _onProgress, ...wire } = options;
      return api.prefixCurve(input, wire);
    };
  }
  return model;
}
