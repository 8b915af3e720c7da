/**
 * The engine contract implemented across the Web Worker, as web-llm's WebWorkerMLCEngine implements
 * MLCEngineInterface: `WorkerEngine` is a RewardEngine, so the UI cannot tell it from the in-thread
 * ScoringEngine. It turns each call's AbortSignal into a request id the worker aborts, and passes callbacks as
 * comlink proxies (protocol.ts); RewardErrors keep their code across (error-transfer.ts).
 *
 * A watchdog backs up the load-time check of tokenizer regexes (engine/local/tokenizer-safety.ts): a call that
 * stays in its tokenizing stage (as the worker reports it) longer than `tokenizeLimitMs` has a tokenizer stuck
 * in a backtracking regex, which no message can interrupt. The worker is then terminated, every pending call
 * rejects naming the model and its tokenizer.json, and the engine is `replaced` (the UI starts a fresh one,
 * engine-bridge.ts). Running the model is never timed: a large decoder batch on WASM may take minutes.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { RewardError } from '../core/errors';
import { untilSettled } from '../core/until-settled';
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
import type { CallStage } from '../engine/contract';
import type { WorkerApi, WorkerSettings } from './protocol';

let counter = 0;

function newRequestId(): string {
  counter += 1;
  return `req-${Date.now().toString(36)}-${counter}`;
}

type Progress<O> = O extends { onProgress?: infer F } ? F : never;

/**
 * Splits a call's options into what crosses (wire), the signal, and the callback as a comlink proxy that goes quiet
 * once the call settles (`settle`, core/until-settled.ts: a report arriving after the load's result once left the
 * model panel saying "Loading…" for good). A caller's `onStage` stays here: stages cross once, to the watchdog
 * (`watchStages`).
 */
function split<O extends { signal?: AbortSignal; onProgress?: object; onStage?: object }>(
  options: O | undefined,
) {
  const { signal, onProgress, onStage: _onStage, ...wire } = options ?? ({} as O);
  const { report, settle } = untilSettled(onProgress as ((...args: unknown[]) => void) | undefined);
  // A proxy is still callable with the callback's own signature (comlink calls through to this thread).
  return { signal, wire, onProgress: onProgress ? (proxy(report) as Progress<O>) : undefined, settle };
}

/** Tokenizing one call's inputs (at most a few hundred) takes well under a second; this is a stuck tokenizer. */
export const DEFAULT_TOKENIZE_LIMIT_MS = 20_000;

export interface WorkerEngineOptions {
  /** How long one call may stay in its tokenizing stage before the worker is taken as hung (ms). */
  tokenizeLimitMs?: number;
  /** Called once when the watchdog has terminated the worker, with the error every pending call got. */
  onReplaced?: (error: RewardError) => void;
}

/** A call in flight: what the watchdog needs to time it and to fail it. */
interface Pending {
  /** The model it runs on, when it has one. */
  handle?: string;
  timer?: ReturnType<typeof setTimeout>;
  fail(error: RewardError): void;
}

export class WorkerEngine implements RewardEngine {
  private readonly remote: Remote<WorkerApi>;
  private readonly tokenizeLimitMs: number;
  private readonly pending = new Map<string, Pending>();
  /** Model ids by handle, to name the model whose tokenizer hung. */
  private readonly modelIds = new Map<string, string>();
  /** Set once the watchdog terminated the worker: every call then rejects with it. */
  private failure: RewardError | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly options: WorkerEngineOptions = {},
  ) {
    installRewardErrorTransfer();
    this.remote = wrap<WorkerApi>(worker);
    this.tokenizeLimitMs = options.tokenizeLimitMs ?? DEFAULT_TOKENIZE_LIMIT_MS;
    void this.remote.watchStages(
      proxy((requestId: string, stage: CallStage) => this.stage(requestId, stage)),
    );
  }

  /** True once the watchdog has terminated this engine's worker: start a new engine. */
  get replaced(): boolean {
    return this.failure !== null;
  }

  /**
   * Runs one call under a request id; the caller's signal aborting cancels it in the worker, and the watchdog
   * terminating the worker rejects it.
   */
  private tracked<T>(
    signal: AbortSignal | undefined,
    handle: string | undefined,
    run: (requestId: string) => Promise<T>,
  ): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(new RewardError('cancelled', 'Scoring was cancelled.'));
    const requestId = newRequestId();
    const cancel = () => void this.remote.cancel(requestId);
    signal?.addEventListener('abort', cancel, { once: true });
    return new Promise<T>((resolve, reject) => {
      const call: Pending = { handle, fail: reject };
      this.pending.set(requestId, call);
      run(requestId)
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(call.timer);
          this.pending.delete(requestId);
          signal?.removeEventListener('abort', cancel);
        });
    });
  }

  /** The worker says where a call is: only its tokenizing stage is timed. */
  private stage(requestId: string, stage: CallStage): void {
    const call = this.pending.get(requestId);
    if (!call) return;
    clearTimeout(call.timer);
    call.timer = stage === 'tokenizing' ? setTimeout(() => this.hung(call), this.tokenizeLimitMs) : undefined;
  }

  /** A tokenization never came back: the worker is stuck in it for good, so it goes, with every call on it. */
  private hung(call: Pending): void {
    if (this.failure) return;
    const id = (call.handle && this.modelIds.get(call.handle)) ?? 'the model';
    const seconds = Math.round(this.tokenizeLimitMs / 100) / 10;
    this.failure = new RewardError(
      'model',
      `The tokenizer of ${id} ran for more than ${seconds} s on one call and was stopped: a regex in that ` +
        "model's tokenizer.json (its normalizer or pre-tokenizer) backtracks on this input. " +
        'The inference worker running it was stopped, with every model it held.',
    );
    this.worker.terminate();
    for (const other of this.pending.values()) {
      clearTimeout(other.timer);
      other.fail(this.failure);
    }
    this.pending.clear();
    this.options.onReplaced?.(this.failure);
  }

  async load(spec: ModelSpec, options?: LoadOptions): Promise<LoadedModel> {
    const { signal, wire, onProgress, settle } = split(options);
    const loaded = await this.tracked(signal, undefined, (id) =>
      this.remote.load(spec, wire, id, onProgress),
    ).finally(settle);
    this.modelIds.set(loaded.handle, loaded.id);
    return loaded;
  }

  unload(handle: string): Promise<void> {
    this.modelIds.delete(handle);
    return this.tracked(undefined, handle, () => this.remote.unload(handle));
  }

  availableDtypes(source: ModelSource, options?: { signal?: AbortSignal }) {
    return this.tracked(options?.signal, undefined, (id) => this.remote.availableDtypes(source, id));
  }

  score(handle: string, inputs: ScoreInput[], options?: ScoreOptions) {
    const { signal, wire, onProgress, settle } = split(options);
    return this.tracked(signal, handle, (id) =>
      this.remote.score(handle, inputs, wire, id, onProgress),
    ).finally(settle);
  }

  render(handle: string, input: ScoreInput) {
    return this.tracked(undefined, handle, (id) => this.remote.render(handle, input, id));
  }

  prefixCurve(handle: string, input: ScoreInput, options?: PrefixCurveOptions): Promise<PrefixCurveResult> {
    const { signal, wire, onProgress, settle } = split(options);
    return this.tracked(signal, handle, (id) =>
      this.remote.prefixCurve(handle, input, wire, id, onProgress),
    ).finally(settle);
  }

  probeWebGpu(): Promise<WebGpuProbe> {
    return this.tracked(undefined, undefined, () => this.remote.probeWebGpu());
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
    return this.tracked(undefined, undefined, () => this.remote.configure(settings));
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/** Starts the inference worker and returns the engine that talks to it. */
export function startWorkerEngine(options?: WorkerEngineOptions): WorkerEngine {
  return new WorkerEngine(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'reward-engine' }),
    options,
  );
}
