/**
 * Where the UI gets its engine: the worker client in the browser, started on first use; tests put the in-thread
 * ScoringEngine in its place (`setEngine`). Both are a RewardEngine (src/engine/contract.ts), so the rest of the
 * UI cannot tell them apart. Also the two helpers every view uses around engine calls.
 */
import type { RewardError } from '../core/errors';
import type { RewardEngine } from '../engine/contract';
import { startWorkerEngine, WorkerEngine } from '../worker/client';

let current: RewardEngine | null = null;
let replacedListener: ((error: RewardError) => void) | null = null;

export function engine(): RewardEngine {
  // A worker the watchdog terminated (a hung tokenizer, client.ts) gives way to a fresh one on the next call.
  if (!current || (current instanceof WorkerEngine && current.replaced))
    current = startWorkerEngine({ onReplaced: (error) => replacedListener?.(error) });
  return current;
}

/** Who is told when the worker was terminated and its models are gone (the model panel: engine-restart.ts). */
export function onEngineReplaced(listener: (error: RewardError) => void): void {
  replacedListener = listener;
}

/** Runs the UI against another engine (Node tests: the in-thread ScoringEngine on the Node runtime). */
export function setEngine(other: RewardEngine): void {
  current = other;
}

/** A call that can be stopped; `cancel` makes `promise` reject with a 'cancelled' RewardError. */
export interface Cancellable<T> {
  promise: Promise<T>;
  cancel(): void;
}

/** Starts an engine call with a fresh AbortSignal, returned with the means to abort it. */
export function cancellable<T>(run: (signal: AbortSignal) => Promise<T>): Cancellable<T> {
  const controller = new AbortController();
  return { promise: run(controller.signal), cancel: () => controller.abort() };
}

/** A user-facing message for anything an engine call rejects with (RewardErrors keep code and message). */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string' && e.message)
    return e.message;
  return String(e);
}

export function isCancelled(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && e.code === 'cancelled';
}
