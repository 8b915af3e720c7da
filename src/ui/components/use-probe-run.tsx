import { useState } from 'react';
import { errorMessage } from '../engine-bridge';

/**
 * One run of a probe panel (parity, quantization sweep, batch invariance): its status line while it runs, its
 * error, its outcome. `RunStatus` shows the first two the same way in every panel.
 */
export function useProbeRun<T>(work: (onBusy: (message: string) => void) => Promise<T>) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<T | null>(null);
  const run = async () => {
    setError('');
    setOutcome(null);
    setBusy('Starting…');
    try {
      setOutcome(await work(setBusy));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy('');
    }
  };
  return { busy, error, outcome, run };
}

export function RunStatus({ busy, error }: { busy: string; error: string }) {
  return (
    <>
      {busy ? (
        <p className="hint" role="status">
          {busy}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
