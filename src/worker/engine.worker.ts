/// <reference lib="webworker" />
/**
 * The inference worker: the only place models run in the browser. Exposes WorkerApi over comlink.
 */
import { expose } from 'comlink';
import { browserRuntime, browserSettings, probeWebGpu } from '../engine/browser';
import { ScoringEngine } from '../engine/engine';
import { installRewardErrorTransfer } from './error-transfer';
import type { WorkerApi, WorkerSettings } from './protocol';

installRewardErrorTransfer();
const engine = new ScoringEngine(browserRuntime);

const api: WorkerApi & { configure(settings: WorkerSettings): void } = {
  load: (spec, onProgress) => engine.load(spec, onProgress),
  unload: (handle) => engine.unload(handle),
  availableDtypes: (source) => engine.availableDtypes(source),
  score: (handle, inputs, options, requestId, onProgress) =>
    engine.score(handle, inputs, { ...options, onProgress }, requestId),
  render: (handle, input) => engine.render(handle, input),
  prefixCurve: (handle, input, options, requestId) => engine.prefixCurve(handle, input, options, requestId),
  cancel: (requestId) => engine.cancel(requestId),
  async probeWebGpu() {
    const { available, reason, adapter } = await probeWebGpu();
    return { available, reason, adapter };
  },
  configure(settings) {
    if (settings.numThreads !== undefined) browserSettings.numThreads = settings.numThreads;
  },
};

expose(api);
