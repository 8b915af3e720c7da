/**
 * The check sets shipped under public/check-set: human-labelled pairs (training/check_set.py) and the obvious
 * cases (training/obvious_suite.py). Shared by the browser's "Check this model" and the CLI's `eval` table.
 */

export type CheckSetId = 'human' | 'obvious';

export interface CheckSet {
  id: CheckSetId;
  /** Path under the app's base URL (and under public/ in the repository). */
  file: string;
  label: string;
  pairs: number;
}

export const CHECK_SETS: readonly CheckSet[] = [
  { id: 'human', file: 'check-set/human-pairs.jsonl', label: 'Human pairs', pairs: 265 },
  { id: 'obvious', file: 'check-set/obvious-pairs.jsonl', label: 'Obvious cases', pairs: 320 },
];

export function checkSet(id: CheckSetId): CheckSet {
  const set = CHECK_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`unknown check set "${id}"`);
  return set;
}

/**
 * Subsets that need knowledge rather than a judgement of form (a right vs a wrong fact): reported apart, and left
 * out of the accuracy over the other subsets, so a small model's missing knowledge does not hide how it judges form.
 */
export const KNOWLEDGE_SUBSETS: readonly string[] = ['facts'];
