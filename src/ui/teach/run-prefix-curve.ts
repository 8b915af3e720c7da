/**
 * The prefix curve's runner: the reward of every prefix of one candidate's response, with the user's scoring
 * settings, tagged with what it was computed from (`curveKey`) so the panel can tell when it is outdated.
 */
import { cancellable, engine, type Cancellable } from '../engine-bridge';
import { candidateName } from '../store/candidate-names';
import { conversationOf } from '../store/compare-slice';
import type { LoadedModel } from '../store/model-slice';
import { curveKey, scoringOf } from '../store/scoring';
import { useStore, type ShownCurve } from '../store/store';

const MAX_POINTS = 48;

/** Starts the curve of one candidate on the loaded model; null when there is no such candidate. */
export function startPrefixCurve(loaded: LoadedModel, candidateId: string): Cancellable<ShownCurve> | null {
  const s = useStore.getState();
  const i = s.candidates.findIndex((c) => c.id === candidateId);
  const c = s.candidates[i];
  if (!c) return null;
  const options = { ...scoringOf(s, loaded), maxPoints: MAX_POINTS, truncate: true };
  const input = { conversation: conversationOf(s), response: c.text };
  const key = curveKey(s, c.id);
  const name = candidateName(s.candidates, i);
  const call = cancellable((signal) => engine().prefixCurve(loaded.handle, input, { ...options, signal }));
  return { promise: call.promise.then((data) => ({ key, name, data })), cancel: call.cancel };
}
