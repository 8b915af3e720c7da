/**
 * The server's inference thread: loads one model with the Node engine and serves its `Model` methods over comlink
 * (inference-thread.ts is the other side). Tokenization and ONNX Runtime run here, so the server's event loop
 * stays free to answer /health and to read and reject other requests while a large batch is scored.
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { ModelSpec, ScoreInput } from '../src/core/types';
import type { Model, ModelInfo, PrefixCurveOptions, ScoreOptions } from '../src/engine/contract';
import { loadModel } from '../src/engine/node';
import { installRewardErrorTransfer } from '../src/worker/error-transfer';

/** What crosses the thread boundary (functions and signals cannot). */
export type WireScoreOptions = Pick<ScoreOptions, 'weights' | 'alpha' | 'truncate'>;

type Progress = (done: number, total: number) => unknown;

let model: Model | undefined;

/** Progress sent to the other side without waiting for its answer (fire and forget). */
function beat(onProgress: Progress | undefined) {
  return onProgress
    ? (done: number, total: number) => {
        Promise.resolve(onProgress(done, total)).catch(() => undefined);
      }
    : undefined;
}

function loaded(): Model {
  if (!model) throw new Error('inference thread: no model loaded');
  return model;
}

const api = {
  async load(spec: ModelSpec): Promise<ModelInfo> {
    model = await loadModel(spec);
    return model.info;
  },
  // `onProgress` is a comlink proxy: each call is the other side's watchdog heartbeat (inference-thread.ts).
  score: (inputs: ScoreInput[], options: WireScoreOptions, onProgress?: Progress) =>
    loaded().score(inputs, { ...options, onProgress: beat(onProgress) }),
  warnings: () => [...loaded().warnings],
  render: (input: ScoreInput) => loaded().render(input),
  prefixCurve(
    input: ScoreInput,
    options: Omit<PrefixCurveOptions, 'signal' | 'onProgress'>,
    onProgress?: Progress,
  ) {
    const m = loaded();
    if (!m.prefixCurve) throw new Error('inference thread: this model has no prefix curve');
    return m.prefixCurve(input, { ...options, onProgress: beat(onProgress) });
  },
  async dispose() {
    await model?.dispose();
    model = undefined;
  },
};
export type InferenceThreadApi = typeof api;

if (!parentPort) throw new Error('inference-thread-worker.ts runs only as a worker thread');
installRewardErrorTransfer();
expose(api, nodeEndpoint(parentPort));
