/**
 * The engine contract (docs/architecture.md, 'Engine contract'): the one interface through which the UI, the
 * CLI, the server, the bench and the tests reach models. `ScoringEngine` (engine.ts) implements it in-thread;
 * the worker client (src/worker/client.ts) implements it across the Web Worker, so a caller cannot tell them
 * apart. Progress and cancellation are expressed once, as `onProgress` and an AbortSignal in each call's
 * options; what a model can do beyond scoring is declared in its info (`capabilities`), never probed.
 */
import type { Dtype, ModelSource, ModelSpec, ScoreInput, ScoreResult } from '../core/types';
import type { LoadOptions, ModelInfo, RenderedInput, ScoreOptions } from './types';

/** A loaded model: its info, and the handle that names it in later calls. */
export type LoadedModel = ModelInfo & { handle: string };

export interface PrefixCurveOptions extends ScoreOptions {
  /** At most this many prefix lengths (default 48). */
  maxPoints?: number;
}

export interface PrefixCurveResult {
  /** Response prefix lengths in tokens (x axis). */
  tokenCounts: number[];
  /** The decoded prefix end at each point, for tooltips. */
  labels: string[];
  scores: number[];
}

export interface WebGpuProbe {
  available: boolean;
  /** Why WebGPU cannot be used, when it cannot. */
  reason?: string;
  /** Adapter description, e.g. 'SwiftShader (fallback adapter)'. */
  adapter?: string;
  /** A software adapter: device "auto" runs on WASM rather than on it (device-plan.ts). */
  fallbackAdapter?: boolean;
  /** Why it is unavailable: no WebGPU API in this browser, or no adapter. */
  missing?: 'api' | 'adapter';
}

export interface RewardEngine {
  /** Loads (or joins the load of, or reuses) the model the spec names; the spec is its identity. */
  load(spec: ModelSpec, options?: LoadOptions): Promise<LoadedModel>;
  unload(handle: string): Promise<void>;
  /** The dtypes a local model ships, read from the files its source really has. */
  availableDtypes(source: ModelSource, options?: { signal?: AbortSignal }): Promise<Dtype[]>;
  score(handle: string, inputs: ScoreInput[], options?: ScoreOptions): Promise<ScoreResult[]>;
  /** The exact input the model sees; null when the model renders elsewhere (capabilities.render false). */
  render(handle: string, input: ScoreInput): Promise<RenderedInput | null>;
  /** The response scored cut after k tokens, for evenly spaced k (capabilities.prefixCurve). */
  prefixCurve(handle: string, input: ScoreInput, options?: PrefixCurveOptions): Promise<PrefixCurveResult>;
  /** Whether WebGPU can run here (Node: never). */
  probeWebGpu(): Promise<WebGpuProbe>;
}
