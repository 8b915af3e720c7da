/**
 * The one interface every model backend implements (docs/architecture.md, 'Engine contract'): local encoder,
 * local decoder, remote NIM / TEI / vLLM. Runs in the browser worker and in Node alike.
 */
import type {
  Activation,
  Dtype,
  ModelFamily,
  ModelSpec,
  RemoteEngine,
  ScoreInput,
  ScoreResult,
  Weights,
} from '../core/types';
import type { ResponseTokens } from './local/tokenizer-helpers';

export type LoadProgress =
  | {
      kind: 'download';
      file: string;
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
}

/** What a model can do besides scoring, declared by its backend (docs/architecture.md, 'Engine contract'). */
export interface ModelCapabilities {
  /** `render` shows the exact input (local models; a remote engine renders on its side). */
  render: boolean;
  /** The prefix reward curve: the backend tokenizes responses (`tokenizeResponse`). */
  prefixCurve: boolean;
}

/** Local backends have a tokenizer here; remote ones do not. */
export const LOCAL_CAPABILITIES: ModelCapabilities = { render: true, prefixCurve: true };
export const REMOTE_CAPABILITIES: ModelCapabilities = { render: false, prefixCurve: false };

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

export interface RewardBackend {
  readonly info: ModelInfo;
  /** Standing warnings about this backend's scores (remote engines add them as replies come in). */
  readonly warnings?: readonly string[];
  score(inputs: ScoreInput[], options?: ScoreOptions): Promise<ScoreResult[]>;
  /** Local models only; remote backends return null (the server renders). */
  render(input: ScoreInput): Promise<RenderedInput | null>;
  /** The response's tokens and a decoder for prefixes: present when info.capabilities.prefixCurve. */
  tokenizeResponse?(response: string): Promise<ResponseTokens>;
  dispose(): Promise<void>;
}

export type BackendFactory = (spec: ModelSpec, options?: LoadOptions) => Promise<RewardBackend>;
