/// <reference lib="webworker" />
/**
 * The inference worker: the only place models run in the browser. Serves the engine contract (a ScoringEngine on
 * the browser runtime) over comlink in its wire form (protocol.ts): request ids become AbortSignals here.
 */
import { expose } from 'comlink';
import { browserRuntime, browserSettings, probeWebGpu } from '../engine/browser';
import { ScoringEngine } from '../engine/engine';
import { installRewardErrorTransfer } from './error-transfer';
import type { WorkerApi } from './protocol';

installRewardErrorTransfer();
const engine = new ScoringEngine(browserRuntime, async () => {
  const { available, reason, adapter, fallbackAdapter, missing } = await probeWebGpu();
  return { available, reason, adapter, fallbackAdapter, missing };
});

const inflight = new Map<string, AbortController>();

/** Runs one call with a signal that `cancel(requestId)` aborts. */
async function tracked<T>(requestId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  inflight.set(requestId, controller);
  try {
    return await run(controller.signal);
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
    tracked(requestId, (signal) => engine.score(handle, inputs, { ...options, signal, onProgress })),
  render: (handle, input) => engine.render(handle, input),
  prefixCurve: (handle, input, options, requestId, onProgress) =>
    tracked(requestId, (signal) => engine.prefixCurve(handle, input, { ...options, signal, onProgress })),
  probeWebGpu: () => engine.probeWebGpu(),
  cancel: (requestId) => inflight.get(requestId)?.abort(),
  configure(settings) {
    if (settings.numThreads !== undefined) browserSettings.numThreads = settings.numThreads;
  },
};

expose(api);
