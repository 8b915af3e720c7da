/**
 * comlink sends thrown errors as plain {message, name, stack}; this keeps a RewardError's `code` and
 * `details` across the worker boundary so the UI can branch on them. Installed on both sides.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { RewardError, type RewardErrorCode, type RewardErrorDetails } from '../core/errors';

interface SerializedError {
  isError: true;
  value: {
    message: string;
    name: string;
    stack?: string;
    code?: RewardErrorCode;
    details?: RewardErrorDetails;
  };
}

export function installRewardErrorTransfer(): void {
  const original = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;
  const handler: TransferHandler<{ value: unknown }, unknown> = {
    canHandle: (v): v is { value: unknown } => original.canHandle(v),
    serialize(thrown) {
      const e = thrown.value;
      if (e instanceof RewardError) {
        const s: SerializedError = {
          isError: true,
          value: { message: e.message, name: e.name, stack: e.stack, code: e.code, details: e.details },
        };
        return [s, []];
      }
      return original.serialize(thrown);
    },
    deserialize(serialized) {
      const s = serialized as Partial<SerializedError>;
      if (s.isError && s.value?.name === 'RewardError' && s.value.code) {
        throw new RewardError(s.value.code, s.value.message, s.value.details ?? {});
      }
      return original.deserialize(serialized);
    },
  };
  transferHandlers.set('throw', handler);
}
