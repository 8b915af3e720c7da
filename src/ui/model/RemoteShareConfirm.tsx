import { hostOf } from '../store/open-share';
import { useStore } from '../store/store';

/**
 * A share link that names a remote engine only proposes it: this asks, naming the host, before the form
 * switches to it. API keys stay bound to the host they were entered for (secret.ts) either way.
 */
export function RemoteShareConfirm() {
  const pending = useStore((s) => s.pendingRemote);
  const confirm = useStore((s) => s.confirmPendingRemote);
  const dismiss = useStore((s) => s.setPendingRemote);
  if (!pending) return null;
  const host = hostOf(pending.baseUrl);
  return (
    <div className="notice warn" role="alertdialog" aria-labelledby="remote-share-title">
      <p id="remote-share-title">
        The shared comparison was scored by a remote engine ({pending.engine.toUpperCase()}, model{' '}
        {pending.model || '(default)'}) at <strong>{host}</strong> ({pending.baseUrl}). Switching to it sends
        your conversation and candidates to {host} when you load and score. No API key is sent unless you
        enter one for that host.
      </p>
      <button type="button" className="primary" onClick={confirm}>
        Switch to {host}
      </button>{' '}
      <button type="button" onClick={() => dismiss(null)}>
        Keep the current model
      </button>
    </div>
  );
}
