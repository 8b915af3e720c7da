/**
 * The only error type the product throws on purpose. `code` lets callers branch (UI notices, HTTP status,
 * CLI exit codes); `message` is written for the user and says what to do.
 */
export type RewardErrorCode =
  | 'format' // a file line or field is malformed (details: line, field)
  | 'reply' // a remote engine answered with something we cannot read
  | 'http' // a remote engine answered with an HTTP error status
  | 'network' // the request never got an answer (DNS, refused, reset)
  | 'timeout'
  | 'auth' // 401/403
  | 'rate_limited' // 429/503 after retries
  | 'model' // a model could not be loaded or run
  | 'input' // the caller's input cannot be scored (no assistant turn, too long with truncation off)
  | 'cancelled';

export interface RewardErrorDetails {
  line?: number;
  field?: string;
  url?: string;
  status?: number;
  [key: string]: unknown;
}

export class RewardError extends Error {
  override readonly name = 'RewardError';
  constructor(
    readonly code: RewardErrorCode,
    message: string,
    readonly details: RewardErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isRewardError(e: unknown): e is RewardError {
  return e instanceof RewardError;
}
