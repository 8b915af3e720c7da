/**
 * The only module that talks to the inference worker. Everything the UI asks of a model goes through
 * here, so the wiring to the worker client lives in one place.
 */
import type { Dtype, ModelSource, ModelSpec, ScoreInput, ScoreResult } from '../core/types';
import type { LoadProgress, RenderedInput } from '../engine/types';
import type { PrefixCurve, WebGpuProbe, WorkerScoreOptions } from '../worker/protocol';
import { getEngine, newRequestId } from '../worker/client';
import type { LoadedModel } from './store/model-slice';

/** A call that can be stopped; `cancel` makes `promise` reject with a 'cancelled' RewardError. */
export interface Cancellable<T> {
  promise: Promise<T>;
  cancel(): void;
}

export function loadModel(spec: ModelSpec, onProgress?: (p: LoadProgress) => void): Promise<LoadedModel> {
  return getEngine().load(spec, onProgress);
}

/** The dtypes a local model ships (its onnx/ files), so the form offers only those. */
export function modelDtypes(source: ModelSource): Promise<Dtype[]> {
  return getEngine().availableDtypes(source);
}

export function unloadModel(handle: string): Promise<void> {
  return getEngine().unload(handle);
}

export function scoreInputs(
  handle: string,
  inputs: ScoreInput[],
  options: WorkerScoreOptions,
  onProgress?: (done: number, total: number) => void,
): Cancellable<ScoreResult[]> {
  const engine = getEngine();
  const requestId = newRequestId();
  return {
    promise: engine.score(handle, inputs, options, requestId, onProgress),
    cancel: () => void engine.cancel(requestId),
  };
}

export function renderInput(handle: string, input: ScoreInput): Promise<RenderedInput | null> {
  return getEngine().render(handle, input);
}

export function prefixCurve(
  handle: string,
  input: ScoreInput,
  options: WorkerScoreOptions & { maxPoints?: number },
): Cancellable<PrefixCurve> {
  const engine = getEngine();
  const requestId = newRequestId();
  return {
    promise: engine.prefixCurve(handle, input, options, requestId),
    cancel: () => void engine.cancel(requestId),
  };
}

export function probeWebGpu(): Promise<WebGpuProbe> {
  return getEngine().probeWebGpu();
}

/** A user-facing message for anything a worker call rejects with (RewardErrors keep code and message). */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string' && e.message)
    return e.message;
  return String(e);
}

export function isCancelled(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && e.code === 'cancelled';
}
