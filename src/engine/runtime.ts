/**
 * What differs between the browser worker and Node, behind one interface (like onnxruntime's `common`
 * package with separate web and node backends): the ONNX Runtime binding, how model files are reached,
 * and which devices exist. Everything else in the engine is shared.
 */
import type { Device, ModelSource } from '../core/types';
import type { LoadProgress, ThreadChoice } from './contract';

export interface OrtTensorLike {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/** The execution provider actually asked for: 'cpu' (Node), 'wasm' or 'webgpu' (browser). */
export type ExecutionDevice = 'cpu' | 'wasm' | 'webgpu';

/** How a session is set up for one model file. */
export interface SessionPlan {
  quantized: boolean;
  /** Dequantize int8 weights once at load (see local/fold-weights.ts). */
  foldWeights: boolean;
  /** fp16 weights and compute. */
  halfPrecision?: boolean;
}

/** A weight file an ONNX graph refers to by `path` (relative to the graph), with its bytes. */
export interface ExternalDataFile {
  path: string;
  data: Uint8Array;
}

export interface OrtAdapter {
  /**
   * A session over `model` (and its external data). Takes ownership of those bytes: the browser's adapter frees
   * them as soon as ONNX Runtime has copied the weights, so callers must not read them afterwards.
   */
  createSession(
    model: Uint8Array,
    device: ExecutionDevice,
    plan: SessionPlan,
    externalData?: readonly ExternalDataFile[],
    /** Told what the session's creation is doing when that takes noticeably long (the browser's first one). */
    onStatus?: (message: string) => void,
  ): Promise<OrtSessionLike>;
  int64(data: BigInt64Array, dims: number[]): OrtTensorLike;
  /** The CPU threads sessions run on and why, once the first session has fixed them (the browser's). */
  threads?(): ThreadChoice | undefined;
}

export interface FetchedFile {
  bytes: Uint8Array;
  /** True when the bytes came from a cache rather than the network. */
  cached: boolean;
  /** Set when a downloaded file could not be stored in the cache (e.g. the storage quota): why, for the user. */
  cacheError?: string;
}

export interface FileFetchOptions {
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
  /** For progress events: this file's position among the files being loaded. */
  filesDone?: number;
  filesTotal?: number;
}

/** ONNX Runtime session options both backends use (the encoder passes them through transformers.js). */
export interface SessionOptionsLike {
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  /** ORT session config entries, flattened with dots by onnxruntime-common. */
  extra?: { session?: Record<string, string> };
}

/** The options both runtimes share; each adds its own (threads in Node). */
export function baseSessionOptions(plan: SessionPlan): SessionOptionsLike {
  return {
    // 'basic' keeps DequantizeLinear unfused with MatMul (no int8 activation kernels), so int8 scores match
    // across platforms, batch compositions and reference.json.
    // fp16 stops at 'extended': the CPU kernels 'all' adds moved a converted Gemma2's fp16 score by 5 % of its
    // scale (test/convert/families.node.test.ts), where 'extended' matches onnxruntime-python within 1e-4.
    graphOptimizationLevel: plan.quantized ? 'basic' : plan.halfPrecision ? 'extended' : 'all',
    ...(plan.foldWeights ? { extra: { session: { disable_quant_qdq: '1' } } } : {}),
  };
}

export interface EngineRuntime {
  readonly platform: 'browser' | 'node';
  readonly ort: OrtAdapter;
  sessionOptions(plan: SessionPlan): SessionOptionsLike;
  /** Quantized models whose weights take at most this many bytes in fp32 are unpacked at load (fold-weights.ts). */
  readonly unpackLimitBytes: number;
  /** Devices to try, in order, for a requested device ('auto' probes WebGPU in browsers). */
  devicePlan(
    requested: Device,
    options?: { halfPrecision?: boolean },
  ): Promise<{ devices: ExecutionDevice[]; note?: string }>;
  /**
   * Points transformers.js's `env` at the source (local folder, Hub, mirror) and returns the model id
   * to pass to `from_pretrained`. Loads are serialised by the engine, so the global env is safe to set.
   */
  prepareTransformers(source: ModelSource): { modelId: string; revision?: string };
  /** Reads one file of the model (with progress and the platform's cache). */
  fetchFile(source: ModelSource, file: string, options?: FileFetchOptions): Promise<FetchedFile>;
  /**
   * The first bytes of one file of the model, or null when the source does not have it (missing, or an
   * HTML page answered in its place). Cheap: used to check which dtypes a model ships before loading.
   */
  peekFile(source: ModelSource, file: string, options?: { signal?: AbortSignal }): Promise<Uint8Array | null>;
  /** Human-readable location of a source, for messages. */
  describe(source: ModelSource): string;
}
