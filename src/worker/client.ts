/**
 * The engine contract implemented across the Web Worker, as web-llm's WebWorkerMLCEngine implements
 * MLCEngineInterface: `WorkerEngine` is a RewardEngine, so the UI cannot tell it from the in-thread
 * ScoringEngine. It turns each call's AbortSignal into a request id the worker aborts, and passes callbacks as
 * comlink proxies (protocol.ts); RewardErrors keep their code across (error-transfer.ts).
 */
import { proxy, wrap, type Remote } from 'comlink';
import { RewardError } from '../core/errors';
import type { ModelSource, ModelSpec, ScoreInput } from '../core/types';
import type {
  LoadedModel,
  PrefixCurveOptions,
  PrefixCurveResult,
  RewardEngine,
  WebGpuProbe,
} from '../engine/contract';
import type { LoadOptions, Model, ScoreOptions } from '../engine/contract';
import { installRewardErrorTransfer } from './error-transfer';
import type { WorkerApi, WorkerSettings } from './protocol';

let counter = 0;

function newRequestId(): string {
  counter += 1;
  return `req-${Date.now().toString(36)}-${counter}`;
}

type Progress<O> = O extends { onProgress?: infer F } ? F : never;

/** Splits a call's options into what crosses (wire), the signal, and the callback as a comlink proxy. */
function split<O extends { signal?: AbortSignal; onProgress?: object }>(options: O | undefined) {
  const { signal, onProgress, ...wire } = options ?? ({} as O);
  // A proxy is still callable with the callback's own signature (comlink calls through to this thread).
  return { signal, wire, onProgress: onProgress ? (proxy(onProgress) as Progress<O>) : undefined };
}

export class WorkerEngine implements RewardEngine {
  private readonly remote: Remote<WorkerApi>;

  constructor(private readonly worker: Worker) {
    installRewardErrorTransfer();
    this.remote = wrap<WorkerApi>(worker);
  }

  /** Runs one call under a request id; the caller's signal aborting cancels it in the worker. */
  private async tracked<T>(
    signal: AbortSignal | undefined,
    run: (requestId: string) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw new RewardError('cancelled', 'Scoring was cancelled.');
    const requestId = newRequestId();
    const cancel = () => void this.remote.cancel(requestId);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await run(requestId);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  load(spec: ModelSpec, options?: LoadOptions): Promise<LoadedModel> {
    const { signal, wire, onProgress } = split(options);
    return this.tracked(signal, (id) => this.remote.load(spec, wire, id, onProgress));
  }

  unload(handle: string): Promise<void> {
    return this.remote.unload(handle);
  }

  availableDtypes(source: ModelSource, options?: { signal?: AbortSignal }) {
    return this.tracked(options?.signal, (id) => this.remote.availableDtypes(source, id));
  }

  score(handle: string, inputs: ScoreInput[], options?: ScoreOptions) {
    const { signal, wire, onProgress } = split(options);
    return this.tracked(signal, (id) => this.remote.score(handle, inputs, wire, id, onProgress));
  }

  render(handle: string, input: ScoreInput) {
    return this.remote.render(handle, input);
  }

  prefixCurve(handle: string, input: ScoreInput, options?: PrefixCurveOptions): Promise<PrefixCurveResult> {
    const { signal, wire, onProgress } = split(options);
    return this.tracked(signal, (id) => this.remote.prefixCurve(handle, input, wire, id, onProgress));
  }

  probeWebGpu(): Promise<WebGpuProbe> {
    return this.remote.probeWebGpu();
  }

  /**
   * Loads a model and hands out its `Model` handle, as Node's `loadModel` does (web-llm's worker client mirrors
   * its in-thread engine the same way). Across the worker a model's standing warnings travel on its results, so
   * the handle keeps the ones its results carried.
   */
  async loadModel(spec: ModelSpec, options?: LoadOptions): Promise<Model> {
    const { handle, ...info } = await this.load(spec, options);
    const warnings: string[] = [];
    const model: Model = {
      info,
      warnings,
      score: async (inputs, o) => {
        const results = await this.score(handle, inputs, o);
        for (const w of results.flatMap((r) => r.warnings ?? [])) if (!warnings.includes(w)) warnings.push(w);
        return results;
      },
      render: (input) => this.render(handle, input),
      dispose: () => this.unload(handle),
    };
    if (info.capabilities.prefixCurve) model.prefixCurve = (input, o) => this.prefixCurve(handle, input, o);
    return model;
  }

  /** Worker settings (WASM threads), before the first model loads. */
  configure(settings: WorkerSettings): Promise<void> {
    return this.remote.configure(settings);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/** Starts the inference worker and returns the engine that talks to it. */
export function startWorkerEngine(): WorkerEngine {
  return new WorkerEngine(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'reward-engine' }),
  );
}
