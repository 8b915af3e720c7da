import { RewardError, isRewardError } from '../../core/errors';

/** Wraps a loader failure in a RewardError that says which model, from where, and why. */
export function modelLoadError(what: string, where: string, cause: unknown): RewardError {
  // Already explained in model terms, or not a load problem at all: keep as is.
  if (isRewardError(cause) && ['model', 'cancelled', 'input'].includes(cause.code)) return cause;
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
  const offline = /fetch failed|failed to fetch|network|ENOTFOUND|ECONNREFUSED|ERR_NAME_NOT_RESOLVED/i.test(
    reason,
  );
  const hint = offline
    ? ' The host could not be reached: this machine may be offline. Use an embedded model, or a base URL that serves the model in the Hub layout.'
    : /404|not found|Could not locate file/i.test(reason)
      ? ' A file is missing there: check the model id, the revision and the dtype (quantized files live under onnx/).'
      : '';
  return new RewardError(
    'model',
    `Could not load ${what} from ${where}: ${reason}.${hint}`,
    { url: where },
    { cause },
  );
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RewardError('cancelled', 'Scoring was cancelled.');
}

/** An input over the model's limit while truncation is off: both local backends say it the same way. */
export function inputTooLongError(tokens: number, limit: number, atLeast = false): RewardError {
  return new RewardError(
    'input',
    `Input is ${atLeast ? 'at least ' : ''}${tokens} tokens; this model takes at most ${limit}. Enable truncation or shorten it.`,
    { limit, tokens },
  );
}
