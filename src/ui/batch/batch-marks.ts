/**
 * What the Batch view marks per row and plots: whether the model got each pair right, and the length–score points
 * split by role (chosen, rejected, other responses) so the scatter can tell them apart.
 */
import { isScored, rowItems, type DatasetRecord, type ItemScore, type PairOutcome } from '../../core/formats';

/** RewardBench's rule: right when the chosen response scores strictly higher; a tie counts as wrong. */
export type PairVerdict = 'right' | 'wrong' | 'tie';

export function pairVerdict(o: Pick<PairOutcome, 'chosen' | 'rejected'>): PairVerdict {
  return o.chosen > o.rejected ? 'right' : o.chosen < o.rejected ? 'wrong' : 'tie';
}

/** Each scored pair's verdict by its line number. */
export function verdictsByLine(pairs: readonly PairOutcome[]): Map<number, PairVerdict> {
  return new Map(pairs.map((p) => [p.line, pairVerdict(p)]));
}

export interface ScatterPoint {
  x: number;
  y: number;
}

/** Length (characters) against score for every scored input, by role. */
export function scatterSeries(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
): { chosen: ScatterPoint[]; rejected: ScatterPoint[]; other: ScatterPoint[] } {
  const out = { chosen: [] as ScatterPoint[], rejected: [] as ScatterPoint[], other: [] as ScatterPoint[] };
  records.forEach((r, i) => {
    if (!r.row) return;
    rowItems(r.row).forEach((item, k) => {
      const s = scores[i]?.[k];
      if (!isScored(s)) return;
      const point = { x: item.input.response.length, y: s.score };
      if (item.key === 'chosen') out.chosen.push(point);
      else if (item.key === 'rejected') out.rejected.push(point);
      else out.other.push(point);
    });
  });
  return out;
}
