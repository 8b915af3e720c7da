/**
 * What a score depends on, derived from the state: the scoring settings every view passes to the engine, and the
 * keys that tell a stored score (or prefix curve) from one computed for another input. Pure, except the hook.
 */
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ScoringSettings, Turn } from '../../core/types';
import type { LoadedModel } from './model-slice';
import { useStore, type AppState } from './store';

/**
 * The user's scoring settings for a loaded model, as every view (Compare, Batch, Parity, the prefix curve) passes
 * them to the engine: the weights set for this model id, and alpha for encoders when the user set one.
 */
export function scoringOf(
  s: { settings: { alpha: number | null }; weightsByModel: AppState['weightsByModel'] },
  model: { id: string; family: LoadedModel['family'] },
): ScoringSettings {
  const weights = s.weightsByModel[model.id];
  const alpha = s.settings.alpha;
  return {
    ...(weights ? { weights } : {}),
    ...(alpha !== null && model.family === 'encoder' ? { alpha } : {}),
  };
}

/** Everything but the candidate's text that a Compare score is computed from. */
export interface ScoreKeyParts {
  handle: string;
  alpha: number | null;
  system: string;
  turns: Turn[];
}

export function scoreKeyParts(s: AppState): ScoreKeyParts {
  return { handle: s.loaded?.handle ?? '', alpha: s.settings.alpha, system: s.system, turns: s.turns };
}

/** Identifies what a score was computed from; a candidate's score is stale when its key changes. */
export function scoreKey(parts: ScoreKeyParts, text: string): string {
  return JSON.stringify([parts.handle, parts.alpha, parts.system.trim(), parts.turns, text]);
}

/** The score key of a candidate's text under the current state; a new function only when a part changes. */
export function useScoreKey(): (text: string) => string {
  const parts = useStore(useShallow(scoreKeyParts));
  return useCallback((text: string) => scoreKey(parts, text), [parts]);
}

/**
 * Identifies what a prefix curve was computed from: the model, alpha, the weights, the conversation and the
 * candidate's text. A curve whose key no longer matches is outdated.
 */
export function curveKey(s: AppState, candidateId: string): string {
  const c = s.candidates.find((x) => x.id === candidateId);
  const weights = s.loaded ? (s.weightsByModel[s.loaded.id] ?? null) : null;
  return JSON.stringify([candidateId, scoreKey(scoreKeyParts(s), c?.text ?? ''), weights]);
}
