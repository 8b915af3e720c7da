import { REMOTE_REQUEST_CAP } from './run-explain';

/**
 * Before an action sends a remote engine more than one request for a candidate: how many, and to which model,
 * as "Check this model" does; above the cap the action is refused.
 */
export function RequestConfirm({
  requests,
  model,
  what,
  onConfirm,
  onCancel,
}: {
  requests: number;
  model: string;
  what: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  if (requests > REMOTE_REQUEST_CAP) {
    return (
      <p className="error" role="alert">
        {what} would send {requests} requests to {model}, over the cap of {REMOTE_REQUEST_CAP} per candidate.
        Use a shorter answer, leave out the prompt side, or a lower budget.{' '}
        <button type="button" onClick={onCancel}>
          Close
        </button>
      </p>
    );
  }
  return (
    <p className="notice" role="status">
      {what} sends up to {requests} requests to {model} (cap {REMOTE_REQUEST_CAP}).{' '}
      <span>
        <button type="button" onClick={onConfirm}>
          Send {requests} requests
        </button>{' '}
        <button type="button" onClick={onCancel}>
          Not now
        </button>
      </span>
    </p>
  );
}
