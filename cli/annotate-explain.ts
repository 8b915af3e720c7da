/**
 * `annotate --explain`: each scored response's leave-one-out attributions (src/core/explain), written to the
 * row's `explain` field beside its scores — one entry per scored item, in rowItems order (chosen, rejected;
 * each candidate; each NeMo assistant turn). A chunk's variants go to the backend in one call.
 */
import { isRewardError } from '../src/core/errors';
import { cachedScorer, explain, planExplain, ScoreCache, type UnitKind } from '../src/core/explain';
import { rowItems, type DatasetRecord } from '../src/core/formats';
import type { ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';

/** The output field; an input row that already has it is refused (annotate checks before scoring). */
export const EXPLAIN_FIELD = 'explain';

export interface ExplainedItem {
  /** 'chosen', 'rejected', 'response_<i>', 'turn_<i>' (rowItems' keys). */
  item: string;
  /** Sentences, or words for answers of up to three sentences. */
  unit: UnitKind;
  score: number;
  units: { text: string; attribution: number; without: number }[];
}

export type ExplainedRow = (ExplainedItem | { item: string; error: string })[];

const TRANSIENT = new Set(['network', 'timeout', 'auth', 'rate_limited', 'cancelled', 'http']);

/** Rows whose input already has an `explain` field (their line numbers). */
export function explainFieldClashes(records: readonly DatasetRecord[]): number[] {
  return records
    .filter((r) => r.json && typeof r.value === 'object' && r.value !== null && EXPLAIN_FIELD in r.value)
    .map((r) => r.line);
}

/** The `explain` value of each record of a chunk (undefined for rows that were not parsed). */
export async function explainChunk(
  backend: Model,
  records: readonly DatasetRecord[],
  options: ScoringSettings & { truncate: boolean },
): Promise<(ExplainedRow | undefined)[]> {
  // One cache per chunk: identical variants (a repeated response) are scored once.
  const scorer = cachedScorer(
    (inputs, o) => backend.score(inputs, { ...options, ...o }),
    new ScoreCache(),
    '',
  );
  const items = records.map((r) =>
    r.row ? rowItems(r.row).map((i) => ({ key: i.key, plan: planExplain(i.input) })) : [],
  );
  const all = items.flat().flatMap(({ plan }) => [plan.input, ...plan.variants]);
  try {
    await scorer.scores(all);
  } catch (e) {
    // One bad input (e.g. too long with --no-truncate) marks only its own item below.
    if (isRewardError(e) && TRANSIENT.has(e.code)) throw e;
  }
  // In order: the backend runs one call at a time anyway, and everything left is cached after the call above.
  const rows: (ExplainedRow | undefined)[] = [];
  for (const [k, r] of records.entries()) {
    if (!r.row) {
      rows.push(undefined);
      continue;
    }
    const out: ExplainedRow = [];
    for (const { key, plan } of items[k]!) {
      try {
        const e = await explain(plan, scorer);
        out.push({
          item: key,
          unit: plan.responseKind,
          score: e.full,
          units: e.attributions.map((a) => ({
            text: a.text,
            attribution: a.attribution,
            without: a.without,
          })),
        });
      } catch (err) {
        if (isRewardError(err) && TRANSIENT.has(err.code)) throw err;
        out.push({ item: key, error: err instanceof Error ? err.message : String(err) });
      }
    }
    rows.push(out);
  }
  return rows;
}
