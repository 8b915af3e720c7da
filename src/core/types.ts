/**
 * The shapes every part of the product shares (docs/architecture.md, 'Shared types'). Pure data: no DOM, no
 * model code.
 */

export type Role = 'system' | 'user' | 'assistant';

/** One turn of a conversation's history. System text lives in `Conversation.system`, not here. */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The context a response answers: an optional system prompt and the turns so far.
 * The last turn is the user turn that the scored response replies to.
 */
export interface Conversation {
  system?: string;
  turns: Turn[];
}

/** One candidate final assistant response in the compare view. */
export interface Candidate {
  id: string;
  text: string;
}

/** What a scoring engine scores: a conversation plus one final assistant response. */
export interface ScoreInput {
  conversation: Conversation;
  response: string;
}

/** A reward head's activation, for callers that want activated rather than raw values (core/activation.ts). */
export type Activation = 'sigmoid' | 'softmax' | 'tanh' | 'identity';

/** The one list of each choice (docs/architecture.md, 'Shared types'): the CLI, the form and share links read these. */
export const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export const DEVICES = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
export const MODEL_FAMILIES = ['encoder', 'decoder'] as const;
export const REMOTE_ENGINES = ['nim', 'tei', 'vllm'] as const;
export type Dtype = (typeof DTYPES)[number];
export type Device = (typeof DEVICES)[number];
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
export type RemoteEngine = (typeof REMOTE_ENGINES)[number];

/** Where Hub ids resolve unless the user names a mirror. */
export const DEFAULT_HUB_HOST = 'https://huggingface.co/';

/** Where a local model's files come from. */
export type ModelSource =
  /** Shipped under public/models/<name>/ (the browser serves it at /models/<name>/). */
  | { type: 'embedded'; name: string }
  /**
   * A Hugging Face Hub id on `host` (the Hub, DEFAULT_HUB_HOST, or a mirror in its URL layout): the host is
   * part of what identifies the model, so the same id on another mirror is another model.
   */
  | { type: 'hub'; id: string; revision?: string; host: string }
  /** Any server laid out like the Hub: `{baseUrl}/{id}/resolve/{revision}/{file}`. */
  | { type: 'url'; baseUrl: string; id: string; revision?: string }
  /** Node only: a folder on disk in transformers.js layout (config.json, tokenizer.json, onnx/…). */
  | { type: 'path'; path: string }
  /**
   * Browser only: a model folder the user opened (directory picker, or dropped on the page), its files by
   * path inside the folder. `fingerprint` (names, sizes, modification times) tells two such folders apart
   * in cache keys, since the files themselves are not compared.
   */
  | { type: 'files'; name: string; fingerprint: string; files: Readonly<Record<string, Blob>> };

export interface LocalModelSpec {
  kind: 'local';
  source: ModelSource;
  /** Read from config.json `architectures` when omitted. */
  family?: ModelFamily;
  dtype: Dtype;
  device: Device;
  /** Overrides the model's own max length (tokens). */
  maxLength?: number;
}

export interface RemoteModelSpec {
  kind: 'remote';
  engine: RemoteEngine;
  /** e.g. https://integrate.api.nvidia.com/v1 for NIM, http://host:8080 for TEI. */
  baseUrl: string;
  /** Model id sent to the engine (NIM, vLLM); TEI ignores it. */
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
}

export type ModelSpec = LocalModelSpec | RemoteModelSpec;

/** Scalarization weights by attribute name; missing names weigh 0. */
export type Weights = Record<string, number>;

/**
 * How raw outputs become one score (docs/architecture.md, 'Scoring'): the user's choices, each defaulting to
 * the model's own (ModelInfo.defaultWeights, ModelInfo.alpha). Not part of ModelSpec: changing them rescales
 * scores without reloading the model.
 */
export interface ScoringSettings {
  /** Weights by attribute for several outputs. */
  weights?: Weights;
  /** A single output's scale: score = logit × alpha. */
  alpha?: number;
}

/** What one scored input yields. */
export interface ScoreResult {
  /** The scalar used for ranking (after alpha and scalarization). */
  score: number;
  /** Named outputs when the head has several (or the remote reply names them). */
  attributes?: Record<string, number>;
  /** Raw model outputs, before alpha or weights. */
  logits: number[];
  tokenCount: number;
  truncated: boolean;
  /** What actually ran, e.g. 'wasm', 'webgpu', 'cpu', 'nim'. */
  backend: string;
  dtype: Dtype | 'remote';
  timingMs: number;
  /** The exact text the model saw (pair joined with its separator, or the rendered chat template). */
  renderedInput?: string;
  /** What the user should know about these numbers, e.g. a remote engine returning probabilities. */
  warnings?: string[];
}
