/**
 * Scores the Compare view's conversation and candidates with every model of the lineup, loading the ones this
 * page has not loaded yet (after a reload, or a model removed from the panel since). One model at a time: the
 * worker runs one model's batch at a time anyway, and progress names the model being scored.
 */
import type { Dtype, ScoreResult } from '../../core/types';
import { engine, errorMessage } from '../engine-bridge';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { apiKeyFor } from '../store/secret';
import { useStore } from '../store/store';

export interface LineupScores {
  /** The candidates' texts the scores belong to (stale when the comparison changes). */
  texts: string[];
  results: Record<string, ScoreResult[] | { error: string }>;
}

export async function scoreLineup(onStatus: (text: string) => void): Promise<LineupScores> {
  const s = useStore.getState();
  const conversation = conversationOf(s);
  const texts = s.candidates.map((c) => c.text);
  const inputs = texts.map((response) => ({ conversation, response }));
  const results: LineupScores['results'] = {};
  for (const [i, entry] of s.lineup.entries()) {
    try {
      let { handle, info } = entry;
      if (!handle || !info) {
        onStatus(`Loading ${entry.label} (${i + 1} of ${s.lineup.length})…`);
        // A remote engine gets the key entered for its own origin, as in the model panel.
        const apiKey = entry.spec.kind === 'remote' ? apiKeyFor(s.apiKeys, entry.spec.baseUrl) : undefined;
        const spec = entry.spec.kind === 'remote' && apiKey ? { ...entry.spec, apiKey } : entry.spec;
        const loaded = await engine().load(spec, {});
        handle = loaded.handle;
        info = loaded;
        const now = useStore.getState();
        now.setLineup(now.lineup.map((m) => (m.key === entry.key ? { ...m, handle, info } : m)));
      }
      onStatus(`Scoring with ${entry.label} (${i + 1} of ${s.lineup.length})…`);
      results[entry.key] = await engine().score(handle, inputs, scoringOf(useStore.getState(), info));
    } catch (e) {
      results[entry.key] = { error: errorMessage(e) };
    }
  }
  return { texts, results };
}

/** Takes a model out of the lineup, unloading it unless the model panel is using it. */
export function removeFromLineup(key: string): void {
  const s = useStore.getState();
  const entry = s.lineup.find((m) => m.key === key);
  s.setLineup(s.lineup.filter((m) => m.key !== key));
  if (entry?.handle && entry.handle !== useStore.getState().loaded?.handle)
    void engine()
      .unload(entry.handle)
      .catch(() => undefined);
}

/** The dtypes an embedded (or served) model's folder ships, for the "Add a model" form. */
export function shippedDtypes(name: string): Promise<Dtype[]> {
  return engine().availableDtypes({ type: 'embedded', name });
}
