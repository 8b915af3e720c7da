/**
 * What the remote clients add to RewardBackend, and the knobs their factories take besides LoadOptions.
 */
import type { RewardBackend } from '../backend';
import type { HttpTuning } from './http';

export interface RemoteBackend extends RewardBackend {
  /**
   * Things the user should know that are not errors, e.g. vLLM values that look like probabilities.
   * De-duplicated, newest last; the UI shows them next to the model.
   */
  readonly warnings: readonly string[];
}

export interface RemoteClientOptions {
  /** Retry/backoff/fetch knobs (tests make them fast). */
  tuning?: HttpTuning;
  /** Requests in flight at once for per-input engines (NIM, vLLM); default 4. */
  concurrency?: number;
}

export const DEFAULT_CONCURRENCY = 4;
