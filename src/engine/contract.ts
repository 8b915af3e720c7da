/**
 * The engine's one public face (docs/architecture.md, 'Engine contract'): every type a caller sees, the loaded-model
 * handle `Model`, and `RewardEngine`, the handle-keyed interface the UI talks to. Node hands out `Model`s
 * (`loadModel` in node.ts); the worker client (src/worker/client.ts) implements `RewardEngine` across the Web Worker
 * exactly as `ScoringEngine` (engine.ts) does in-thread, and hands out `Model`s too. Progress and cancellation are
 * expressed once, as `onProgress` and an AbortSignal in each call's options; what a model can do beyond scoring is
 * declared in its info (`capabilities`), never probed. The backends behind it (backend.ts) are internal to
 * src/engine.
 */
import type {
  Activation,
  Dtype,
  ModelFamily,
  ModelSource,
  ModelSpec,
  RemoteEngine,
  ScoreInput,
  ScoreResult,
  Weights,
} from '../core/types';

/** The CPU threads a runtime's sessions run on, and why that many (the browser measures: thread-probe.ts). */
export interface ThreadChoice {
  threads: number;
  /** What was measured, in words: shown beside the model and written by the benchmarks. */
  why: string;
}

export type LoadProgress =
  | {
      kind: 'download';
      /** The file's path inside the model folder (`onnx/model_quantized.onnx`). */
      file: string;
      /** Bytes of this one file so far, and its size; a listener sums files by name for the whole load. */
      loadedBytes: number;
      totalBytes: number;
      filesDone: number;
      filesTotal: number;
    }
  | { kind: 'status'; message: string };

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export interface ScoreOptions {
  /** Scalarization weights by attribute; default: the model's own default weights. */
  weights?: Weights;
  /** Encoder models: overrides the spec's alpha for this call. */
  alpha?: number;
  /** Cut over-long inputs (true, the default) or fail with a RewardError('input'). */
  truncate?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Which part of the call runs now (local models): the worker client's watchdog reads it (client.ts). */
  onStage?: (stage: CallStage) => void;
}

/** 'tokenizing' while the inputs become tokens, 'running' once the model runs them. */
export type CallStage = 'tokenizing' | 'running';

/** What a model can do besides scoring, declared by its backend (docs/architecture.md, 'Engine contract'). */
export interface ModelCapabilities {
  /** `render` shows the exact input (local models; a remote engine renders on its side). */
  render: boolean;
  /** The prefix reward curve: the backend tokenizes responses (`tokenizeResponse`). */
  prefixCurve: boolean;
}

/** What a loaded model is and what actually runs it. */
export interface ModelInfo {
  id: string;
  family: ModelFamily | 'remote';
  engine?: RemoteEngine;
  /** Output names, in logit order (id2label). A single-output model has ['reward']. */
  labels: string[];
  defaultWeights: Weights;
  alpha: number;
  /** The activation the model's config names (sentence_transformers / problem_type); absent: none named. */
  activation?: Activation;
  maxLength: number;
  /**
   * True when a remote engine did not report its input limit (NIM and vLLM read it from the model list's
   * max_model_len): maxLength is then only a placeholder, and the UI says "not reported".
   */
  maxLengthUnknown?: boolean;
  /** What actually ran: 'wasm', 'webgpu', 'cpu' (Node), or the remote engine. */
  backend: string;
  dtype: Dtype | 'remote';
  /** True when int8 weights were dequantized once at load rather than on every run (local/fold-weights.ts). */
  weightsUnpacked?: boolean;
  /** The browser's WASM threads and why that many (measured at the first load, thread-probe.ts). */
  threads?: ThreadChoice;
  /** Set when the requested device failed and another one took over. */
  fallbackReason?: string;
  /** True when every file came from the cache. */
  cached?: boolean;
  /** Set when the model's weights could not be kept in the browser's cache (the quota, most often): why. */
  cacheError?: string;
  capabilities: ModelCapabilities;
}

/** The exact input a model sees for one ScoreInput: shown to the user, and used by probes. */
export interface RenderedInput {
  text: string;
  /** For encoders: the pair as the tokenizer joins it. */
  tokens: string[];
  ids: number[];
  truncated: boolean;
  /** How the input was adjusted on the way in (e.g. a doubled BOS dropped). */
  notes?: string[];
}

/** A loaded model, as callers hold it: Node's `loadModel` and the worker client's `loadModel` hand these out. */
export interface Model {
  readonly info: ModelInfo;
  /** Standing warnings about this model's scores (remote engines add them as replies come in). */
  readonly warnings: readonly string[];
  score(inputs: ScoreInput[], options?: ScoreOptions): Promise<ScoreResult[]>;
  /** The exact input the model sees; null when the model renders elsewhere (capabilities.render false). */
  render(input: ScoreInput): Promise<RenderedInput | null>;
  /** The response scored cut after k tokens, for evenly spaced k; present when capabilities.prefixCurve. */
  prefixCurve?(input: ScoreInput, options?: PrefixCurveOptions): Promise<PrefixCurveResult>;
  dispose(): Promise<void>;
}

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
