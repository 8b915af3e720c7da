/**
 * The interface every model backend implements, internal to src/engine: local encoder and decoder
 * (local/local-model.ts), remote NIM / TEI / vLLM (remote/client.ts). Callers never see it: they hold a `Model`
 * (contract.ts, made by model-handle.ts) or talk to a `RewardEngine`.
 */
import type { ScoreInput, ScoreResult } from '../core/types';
import type { ModelCapabilities, ModelInfo, RenderedInput, ScoreOptions } from './contract';
import type { ResponseTokens } from './local/tokenizer-helpers';

/** Local backends have a tokenizer here; remote ones do not. */
export const LOCAL_CAPABILITIES: ModelCapabilities = { render: true, prefixCurve: true };
export const REMOTE_CAPABILITIES: ModelCapabilities = { render: false, prefixCurve: false };

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
