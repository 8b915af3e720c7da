/**
 * The engine contract on the wire between the worker client (client.ts) and the worker (engine.worker.ts), over
 * comlink. An AbortSignal and a callback inside an options object cannot be cloned, so each call that can be
 * cancelled or report progress carries, instead, a request id (`cancel(requestId)` aborts it in the worker) and
 * its progress callback as a separate, comlink-proxied argument. Everything else is the contract's own types.
 * The stage each call is in (tokenizing, running the model) goes to one listener the client registers once
 * (`watchStages`), keyed by request id: the client's watchdog for a hung tokenizer reads it.
 */
import type { ModelSource, ModelSpec, ScoreInput } from '../core/types';
import type { CallStage, PrefixCurveOptions, RewardEngine } from '../engine/contract';
import type { LoadOptions, ScoreOptions } from '../engine/contract';

/** Options as they cross: without the signal and the callback. */
export type Wire<O> = Omit<O, 'signal' | 'onProgress' | 'onStage'>;

/** Settings of the worker itself (not of any model). */
export interface WorkerSettings {
  /** WASM threads; takes effect only before the first session is created. */
  numThreads?: number;
}

type Result<M extends keyof RewardEngine> = ReturnType<RewardEngine[M]>;

export interface WorkerApi {
  load(
    spec: ModelSpec,
    options: Wire<LoadOptions>,
    requestId: string,
    onProgress?: LoadOptions['onProgress'],
  ): Result<'load'>;
  unload: RewardEngine['unload'];
  availableDtypes(source: ModelSource, requestId: string): Result<'availableDtypes'>;
  score(
    handle: string,
    inputs: ScoreInput[],
    options: Wire<ScoreOptions>,
    requestId: string,
    onProgress?: ScoreOptions['onProgress'],
  ): Result<'score'>;
  render(handle: string, input: ScoreInput, requestId: string): Result<'render'>;
  prefixCurve(
    handle: string,
    input: ScoreInput,
    options: Wire<PrefixCurveOptions>,
    requestId: string,
    onProgress?: ScoreOptions['onProgress'],
  ): Result<'prefixCurve'>;
  probeWebGpu: RewardEngine['probeWebGpu'];
  /** Aborts the call that carries this request id (between batches for scoring). */
  cancel(requestId: string): void;
  configure(settings: WorkerSettings): void;
  /** Registers the listener every call's stage changes go to (a comlink proxy), before any call. */
  watchStages(listener: StageListener): void;
}

export type StageListener = (requestId: string, stage: CallStage) => void;
