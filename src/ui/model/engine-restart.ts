/**
 * When the worker's watchdog terminated a hung tokenizer (src/worker/client.ts), every model it held is gone:
 * the store forgets them and the model panel says why, so the next action loads again on a fresh engine.
 */
import type { RewardError } from '../../core/errors';
import { onEngineReplaced } from '../engine-bridge';
import { useStore } from '../store/store';

export function forgetModelsAfterRestart(error: RewardError): void {
  const s = useStore.getState();
  s.setLoaded(null);
  // Handles of the Models view's lineup named models in the old worker: loaded again on demand.
  s.setLineup(s.lineup.map((m) => ({ ...m, handle: null })));
  s.setLoad({ status: 'error', error: `The engine was restarted: ${error.message} Load the model again.` });
}

export function watchEngineRestarts(): void {
  onEngineReplaced(forgetModelsAfterRestart);
}
