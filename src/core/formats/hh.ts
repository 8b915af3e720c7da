import { z } from 'zod';
import type { Turn } from '../types';
import type { PairRow } from './rows';
import { pickSubset, subsetFieldsSchema } from './messages';
import { formatError, parseWith } from './validate';

const MARKER = /\n\n(Human|Assistant):/;

const hhSchema = subsetFieldsSchema.extend({
  chosen: z.string({
    error: (i) => (i.input === undefined ? 'missing (required)' : 'expected a transcript string'),
  }),
  rejected: z.string({
    error: (i) => (i.input === undefined ? 'missing (required)' : 'expected a transcript string'),
  }),
});

/**
 * Splits an HH-RLHF transcript ("\n\nHuman: …\n\nAssistant: …") into turns. A transcript may also start
 * directly with "Human:"; any other text before the first marker is an error.
 */
export function splitHhTranscript(text: string, line: number, field: string): Turn[] {
  const t = /^(Human|Assistant):/.test(text) ? `\n\n${text}` : text;
  const parts = t.split(new RegExp(MARKER.source, 'g'));
  if (parts.length < 3) {
    throw formatError(line, field, 'no "\\n\\nHuman:" / "\\n\\nAssistant:" markers found in the transcript');
  }
  if (parts[0]!.trim() !== '') {
    throw formatError(line, field, 'the transcript has text before its first "\\n\\nHuman:" marker');
  }
  const turns: Turn[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    turns.push({ role: parts[i] === 'Human' ? 'user' : 'assistant', content: parts[i + 1]!.trim() });
  }
  return turns;
}

function sameTurns(a: readonly Turn[], b: readonly Turn[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || x.role !== y.role || x.content !== y.content) return i;
  }
  return -1;
}

/** An HH-RLHF row: both transcripts must share every turn except the final assistant turn. */
export function parseHhRow(value: unknown, line: number): PairRow {
  const v = parseWith(hhSchema, value, line);
  const chosen = splitHhTranscript(v.chosen, line, 'chosen');
  const rejected = splitHhTranscript(v.rejected, line, 'rejected');
  for (const [field, turns] of [
    ['chosen', chosen],
    ['rejected', rejected],
  ] as const) {
    const last = turns[turns.length - 1];
    if (last?.role !== 'assistant')
      throw formatError(line, field, 'the transcript must end with an Assistant turn');
    if (turns[turns.length - 2]?.role !== 'user') {
      throw formatError(line, field, 'the final Assistant turn must follow a Human turn');
    }
  }
  const history = chosen.slice(0, -1);
  const differ = sameTurns(history, rejected.slice(0, -1));
  if (differ !== -1) {
    throw formatError(
      line,
      'rejected',
      `chosen and rejected must share every turn except the final Assistant turn (they differ at turn ${differ + 1})`,
    );
  }
  const subset = pickSubset(v);
  const row: PairRow = {
    format: 'hh-rlhf',
    conversation: { turns: history },
    chosen: chosen[chosen.length - 1]!.content,
    rejected: rejected[rejected.length - 1]!.content,
  };
  return subset === undefined ? row : { ...row, subset };
}
