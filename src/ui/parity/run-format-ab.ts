/**
 * Input-format A/B: the Compare tab's candidates scored with the loaded model under each presentation of
 * core/format-variants.ts, each compared with the input as the model is fed (Kendall τ, score change).
 */
import { FORMAT_VARIANTS, formatVariant, type FormatVariant } from '../../core/format-variants';
import { kendallTau } from '../../core/stats';
import { engine } from '../engine-bridge';
import { candidateName } from '../store/candidate-names';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { useStore } from '../store/store';

export interface FormatRow {
  variant: FormatVariant;
  label: string;
  scores: number[];
  /** Score minus the as-fed score, per candidate. */
  deltas: number[];
  tau: number;
}

export async function runFormatAB(
  onBusy: (m: string) => void = () => {},
): Promise<{ names: string[]; rows: FormatRow[] }> {
  const s = useStore.getState();
  const model = s.loaded;
  if (!model) throw new Error('Load a model first.');
  const conversation = conversationOf(s);
  const inputs = s.candidates.map((c) => ({ conversation, response: c.text }));
  const scoring = scoringOf(s, model);
  const rows: FormatRow[] = [];
  let base: number[] = [];
  for (const { id, label } of FORMAT_VARIANTS) {
    const variants = inputs.map((i) => formatVariant(i, id));
    if (variants.some((v) => v === null)) continue; // nothing to change for this variant (no system prompt)
    onBusy(`Scoring: ${label}…`);
    const scores = (
      await engine().score(model.handle, variants as NonNullable<(typeof variants)[number]>[], scoring)
    ).map((r) => r.score);
    if (id === 'as-fed') base = scores;
    rows.push({
      variant: id,
      label,
      scores,
      deltas: scores.map((x, i) => x - base[i]!),
      tau: kendallTau(base, scores),
    });
  }
  return { names: s.candidates.map((_, i) => candidateName(s.candidates, i)), rows };
}
