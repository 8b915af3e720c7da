import { isScored, rowItems, type DatasetRecord, type ItemScore } from '../formats';
import { RewardError } from '../errors';
import type { BiasRow } from './report';

/**
 * The scored responses of a dataset as bias-report rows: one per scored input, in file order. The prompt is the
 * last user turn (what a restatement would echo); responses to the same conversation share a group, so pairs
 * and candidate lists are compared within prompt. Failed or unscored inputs are left out.
 */
export function biasRowsOf(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
): BiasRow[] {
  return rowsOf(records, (i, k) => {
    const s = scores[i]?.[k];
    return isScored(s) ? s.score : undefined;
  });
}

/** One row per input of a valid record whose score `scoreOf(record, input)` is finite. */
function rowsOf(
  records: readonly DatasetRecord[],
  scoreOf: (record: number, input: number) => number | undefined,
): BiasRow[] {
  const rows: BiasRow[] = [];
  records.forEach((record, i) => {
    if (!record.row) return;
    rowItems(record.row).forEach((item, k) => {
      const score = scoreOf(i, k);
      if (score === undefined || !Number.isFinite(score)) return;
      const { conversation, response } = item.input;
      const users = conversation.turns.filter((t) => t.role === 'user');
      rows.push({
        prompt: users[users.length - 1]?.content ?? '',
        response,
        score,
        group: JSON.stringify(conversation),
      });
    });
  });
  return rows;
}

const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * Bias-report rows from a file that already holds scores — `annotate`'s output or the Batch view's export:
 * pairs carry `chosen_score`/`rejected_score`, candidate lists `scores` (one per response). Responses without a
 * finite score are left out; a NeMo file, or a file in which no row has scores, is refused with the reason.
 */
export function biasRowsOfScoredFile(records: readonly DatasetRecord[]): BiasRow[] {
  const scores = records.map((r): (number | undefined)[] => {
    if (!r.row || typeof r.value !== 'object' || r.value === null) return [];
    const v = r.value as Record<string, unknown>;
    let list: (number | undefined)[];
    switch (r.row.format) {
      case 'pairs':
      case 'hh-rlhf':
        list = [finite(v.chosen_score), finite(v.rejected_score)];
        break;
      case 'candidates':
        list = r.row.responses.map((_, i) => (Array.isArray(v.scores) ? finite(v.scores[i]) : undefined));
        break;
      case 'nemo':
        throw new RewardError(
          'input',
          `Line ${r.line}: a NeMo file keeps its scores as attribute labels; the bias report reads scored pairs (chosen_score, rejected_score) or candidate lists (scores).`,
          { line: r.line },
        );
    }
    return list;
  });
  const rows = rowsOf(records, (i, k) => scores[i]![k]);
  if (rows.length === 0) {
    throw new RewardError(
      'input',
      'No row of this file has scores: the bias report reads a scored file (the output of `annotate`, or the Batch view’s JSONL export), with chosen_score/rejected_score or scores.',
    );
  }
  return rows;
}
