/// <reference lib="webworker" />
/**
 * The inference worker: the only place models run in the browser. Serves the engine contract (a ScoringEngine on
 * the browser runtime) over comlink in its wire form (protocol.ts): request ids become AbortSignals here.
 */
import { expose } from 'comlink';
import { browserRuntime, browserSettings, probeWebGpu } from '../engine/browser';
import { ScoringEngine } from '../engine/engine';
import { installRewardErrorTransfer } from './error-transfer';
import type { CallStage } from '../engine/contract';
import type { StageListener, WorkerApi } from './protocol';

installRewardErrorTransfer();
const engine = new ScoringEngine(browserRuntime, async () => {
  const { available, reason, adapter, fallbackAdapter, missing } = await probeWebGpu();
  return { available, reason, adapter, fallbackAdapter, missing };
});

const inflight = new Map<string, AbortController>();
let stageListener: StageListener | null = null;

/** Runs one call with a signal that `cancel(requestId)` aborts, reporting its stages under its request id. */
async function tracked<T>(
  requestId: string,
  run: (signal: AbortSignal, onStage: (stage: CallStage) => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  inflight.set(requestId, controller);
  // Not awaited: the message leaves before a stuck tokenization blocks this thread, which is the point.
  const onStage = (stage: CallStage) => void stageListener?.(requestId, stage);
  try {
    return await run(controller.signal, onStage);
  } finally {
    inflight.delete(requestId);
  }
}

const api: WorkerApi = {
  load: (spec, options, requestId, onProgress) =>
    tracked(requestId, (signal) => engine.load(spec, { ...options, signal, onProgress })),
  unload: (handle) => engine.unload(handle),
  availableDtypes: (source, requestId) =>
    tracked(requestId, (signal) => engine.availableDtypes(source, { signal })),
  score: (handle, inputs, options, requestId, onProgress) =>
    tracked(requestId, (signal, onStage) =>
      engine.score(handle, inputs, { ...options, signal, onProgress, onStage }),
    ),
  // Rendering is tokenizing and nothing else.
  render: (handle, input, requestId) =>
    tracked(requestId, (_signal, onStage) => {
      onStage('tokenizing');
      return engine.render(handle, input);
    }),
  prefixCurve: (handle, input, options, requestId, onProgress) =>
    tracked(requestId, (signal, onStage) =>
      engine.prefixCurve(handle, input, { ...options, signal, onProgress, onStage }),
    ),
  probeWebGpu: () => engine.probeWebGpu(),
  cancel: (requestId) => inflight.get(requestId)?.abort(),
  configure(settings) {
    if (settings.numThreads !== undefined) browserSettings.numThreads = settings.numThreads;
  },
  watchStages(listener) {
    stageListener = listener;
  },
};

expose(api);
