/**
 * The UI's handle on the inference worker: one shared worker, callbacks proxied, RewardErrors intact.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { ModelSpec, ScoreInput } from '../core/types';
import type { LoadProgress } from '../engine/types';
import { installRewardErrorTransfer } from './error-transfer';
import type { WorkerApi, WorkerScoreOptions, WorkerSettings } from './protocol';

export interface EngineClient extends Omit<WorkerApi, 'load' | 'score'> {
  load: WorkerApi['load'];
  score: WorkerApi['score'];
  /** numThreads: WASM threads (before the first model loads). */
  configure(settings: WorkerSettings): Promise<void>;
}

type RemoteApi = Remote<WorkerApi & { configure(settings: WorkerSettings): void }>;

let worker: Worker | null = null;
let client: EngineClient | null = null;
let counter = 0;

export function newRequestId(): string {
  counter += 1;
  return `req-${Date.now().toString(36)}-${counter}`;
}

export function getEngine(): EngineClient {
  if (client) return client;
  installRewardErrorTransfer();
  worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'reward-engine',
  });
  const r: RemoteApi = wrap(worker);
  client = {
    load: (spec: ModelSpec, onProgress?: (p: LoadProgress) => void) =>
      r.load(spec, onProgress ? proxy(onProgress) : undefined),
    unload: (handle) => r.unload(handle),
    availableDtypes: (source) => r.availableDtypes(source),
    score: (
      handle: string,
      inputs: ScoreInput[],
      options: WorkerScoreOptions,
      requestId: string,
      onProgress,
    ) => r.score(handle, inputs, options, requestId, onProgress ? proxy(onProgress) : undefined),
    render: (handle, input) => r.render(handle, input),
    prefixCurve: (handle, input, options, requestId) => r.prefixCurve(handle, input, options, requestId),
    cancel: (requestId) => r.cancel(requestId),
    probeWebGpu: () => r.probeWebGpu(),
    configure: (settings) => r.configure(settings),
  };
  return client;
}

/**
 * Runs the UI against another engine host instead of the worker: Node tests drive the store's actions
 * with a real ScoringEngine on the Node runtime.
 */
export function setEngineClient(other: EngineClient): void {
  client = other;
}

/** For tests and teardown. */
export function terminateEngine(): void {
  worker?.terminate();
  worker = null;
  client = null;
}
