import type { Conversation, ScoreInput } from '../types';

/** The JSONL formats we read (docs/architecture.md, 'Input formats'). */
export type FormatName = 'pairs' | 'hh-rlhf' | 'nemo' | 'candidates';

export const FORMAT_NAMES: readonly FormatName[] = ['pairs', 'hh-rlhf', 'nemo', 'candidates'];

/** A chosen/rejected pair: from TRL/RewardBench rows, the project's own data, or HH-RLHF transcripts. */
export interface PairRow {
  format: 'pairs' | 'hh-rlhf';
  conversation: Conversation;
  chosen: string;
  rejected: string;
  subset?: string;
}

/** Best-of-n: one conversation, several responses to rank. */
export interface CandidatesRow {
  format: 'candidates';
  conversation: Conversation;
  responses: string[];
  subset?: string;
}

/** A NeMo conversation: every assistant turn is scored against the conversation before it. */
export interface NemoRow {
  format: 'nemo';
  /** `index` is the position of the assistant turn in the row's `conversations` array. */
  assistantTurns: { index: number; input: ScoreInput }[];
  subset?: string;
}

export type NormalizedRow = PairRow | CandidatesRow | NemoRow;

/** One thing a row needs scored; `key` names it in exports (chosen, rejected, response_2, turn_3). */
export interface RowItem {
  key: string;
  input: ScoreInput;
}

/** The inputs a row needs scored, in a fixed order that score lists must follow. */
export function rowItems(row: NormalizedRow): RowItem[] {
  switch (row.format) {
    case 'pairs':
    case 'hh-rlhf':
      return [
        { key: 'chosen', input: { conversation: row.conversation, response: row.chosen } },
        { key: 'rejected', input: { conversation: row.conversation, response: row.rejected } },
      ];
    case 'candidates':
      return row.responses.map((response, i) => ({
        key: `response_${i}`,
        input: { conversation: row.conversation, response },
      }));
    case 'nemo':
      return row.assistantTurns.map((t) => ({ key: `turn_${t.index}`, input: t.input }));
  }
}

/** Just the ScoreInputs of a row (see rowItems for the order). */
export function scoreInputsOf(row: NormalizedRow): ScoreInput[] {
  return rowItems(row).map((i) => i.input);
}
