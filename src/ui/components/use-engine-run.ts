import { useEffect, useRef, useState } from 'react';
import { errorMessage, isCancelled } from '../engine-bridge';

/** How a run is started: how many requests it sends, and whether they go to a remote engine. */
export interface RunRequest<P> {
  requests: number;
  remote: boolean;
  /** The user already confirmed this run's requests. */
  confirmed: boolean;
  /** The progress shown from the start. */
  initial: P;
}

/**
 * One cancellable engine run of a Compare panel (explain, hack, what separates #1 and #2): a remote engine is told
 * how many requests go out before any does (one is what scoring already sends); a new run aborts the one still
 * going, and so do Cancel and leaving the panel; its progress while it runs and the error it ended with.
 */
export function useEngineRun<P>() {
  const [progress, setProgress] = useState<P | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [error, setError] = useState('');
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const launch = async (
    request: RunRequest<P>,
    work: (signal: AbortSignal, onProgress: (progress: P) => void) => Promise<void>,
  ): Promise<void> => {
    setError('');
    if (request.remote && request.requests > 1 && !request.confirmed) {
      setConfirming(request.requests);
      return;
    }
    setConfirming(null);
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setProgress(request.initial);
    try {
      await work(controller.signal, setProgress);
    } catch (e) {
      if (!isCancelled(e)) setError(errorMessage(e));
    } finally {
      if (running.current === controller) {
        running.current = null;
        setProgress(null);
      }
    }
  };
  const cancel = () => running.current?.abort();
  return { progress, confirming, error, launch, cancel, dismiss: () => setConfirming(null) };
}
