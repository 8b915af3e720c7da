/**
 * What differs between the browser worker and Node, behind one interface (like onnxruntime's `common`
 * package with separate web and node backends): the ONNX Runtime binding, how model files are reached,
 * and which devices exist. Everything else in the engine is shared.
 */
import type { Device, ModelSource } from '../core/types';
import type { LoadProgress } from './types';

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

export interface OrtAdapter {
  createSession(model: Uint8Array, device: ExecutionDevice, quantized: boolean): Promise<OrtSessionLike>;
  int64(data: BigInt64Array, dims: number[]): OrtTensorLike;
}

export interface FetchedFile {
  bytes: Uint8Array;
  /** True when the bytes came from a cache rather than the network. */
  cached: boolean;
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
}

export interface EngineRuntime {
  readonly platform: 'browser' | 'node';
  readonly ort: OrtAdapter;
  sessionOptions(quantized: boolean): SessionOptionsLike;
  /** Devices to try, in order, for a requested device ('auto' probes WebGPU in browsers). */
  devicePlan(requested: Device): Promise<{ devices: ExecutionDevice[]; note?: string }>;
  /**
   * Points transformers.js's `env` at the source (local folder, Hub, mirror) and returns the model id
   * to pass to `from_pretrained`. Loads are serialised by the engine, so the global env is safe to set.
   */
  prepareTransformers(source: ModelSource): { modelId: string; revision?: string };
  /** Reads one file of the model (with progress and the platform's cache). */
  fetchFile(source: ModelSource, file: string, options?: FileFetchOptions): Promise<FetchedFile>;
  /** Human-readable location of a source, for messages. */
  describe(source: ModelSource): string;
}
