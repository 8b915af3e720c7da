/**
 * The Compare view's runner: scores the candidates through the engine and writes the scores and the run's status
 * to the store; renders one candidate's exact model input on request.
 */
import type { RenderedInput } from '../../engine/contract';
import { cancellable, engine, errorMessage, isCancelled, type Cancellable } from '../engine-bridge';
import { conversationOf, type CandidateScore } from '../store/compare-slice';
import { scoreKey, scoreKeyParts, scoringOf } from '../store/scoring';
import { useStore } from '../store/store';
import { isEmptyAnswer } from './ranking-model';

let running: Cancellable<unknown> | null = null;

/**
 * Scores the candidates whose inputs changed since they were last scored (all of them with `force`).
 * A newer call cancels an older one still running.
 */
export async function scoreComparison(force = false): Promise<void> {
  const s = useStore.getState();
  const onStatus = s.setScoring;
  const model = s.loaded;
  if (!model) {
    onStatus({ busy: false, done: 0, total: 0, error: 'Load a model first (Model panel).' });
    return;
  }
  const parts = scoreKeyParts(s);
  // Empty answers are flagged in the ranking, never scored: a model gives "" a score that can even win.
  const todo = s.candidates.filter(
    (c) => !isEmptyAnswer(c.text) && (force || s.scores[c.id]?.key !== scoreKey(parts, c.text)),
  );
  if (todo.length === 0) return;
  const conversation = conversationOf(s);
  const inputs = todo.map((c) => ({ conversation, response: c.text }));
  const keys = todo.map((c) => scoreKey(parts, c.text));
  const options = { ...scoringOf(s, model), truncate: true };
  running?.cancel();
  const call = cancellable((signal) =>
    engine().score(model.handle, inputs, {
      ...options,
      signal,
      onProgress: (done, total) => onStatus({ busy: true, done, total }),
    }),
  );
  running = call;
  onStatus({ busy: true, done: 0, total: inputs.length });
  try {
    const results = await call.promise;
    const next: Record<string, CandidateScore> = {};
    todo.forEach((c, i) => {
      const key = keys[i] ?? '';
      const result = results[i];
      next[c.id] = result
        ? { key, result }
        : { key, error: 'The engine returned no result for this candidate.' };
    });
    useStore.getState().setScores(next);
    onStatus({ busy: false, done: inputs.length, total: inputs.length });
  } catch (e) {
    if (isCancelled(e)) return;
    onStatus({ busy: false, done: 0, total: inputs.length, error: errorMessage(e) });
  } finally {
    if (running === call) running = null;
  }
}

/** The exact input the loaded model sees for this response (null: a remote engine renders on its side). */
export function renderCandidate(handle: string, response: string): Promise<RenderedInput | null> {
  return engine().render(handle, { conversation: conversationOf(useStore.getState()), response });
}
