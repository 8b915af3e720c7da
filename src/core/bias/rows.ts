import { isScored, rowItems, type DatasetRecord, type ItemScore } from '../formats';
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
  const rows: BiasRow[] = [];
  records.forEach((record, i) => {
    const list = scores[i];
    if (!record.row || !list) return;
    rowItems(record.row).forEach((item, k) => {
      const s = list[k];
      if (!isScored(s) || !Number.isFinite(s.score)) return;
      const { conversation, response } = item.input;
      const users = conversation.turns.filter((t) => t.role === 'user');
      rows.push({
        prompt: users[users.length - 1]?.content ?? '',
        response,
        score: s.score,
        group: JSON.stringify(conversation),
      });
    });
  });
  return rows;
}
