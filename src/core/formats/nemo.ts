import { z } from 'zod';
import { RewardError } from '../errors';
import type { Turn } from '../types';
import type { NemoRow } from './rows';
import { pickSubset, subsetFieldsSchema } from './messages';
import { formatError, isRecord, parseWith } from './validate';

const missingOr = (what: string) => (i: { input: unknown }) =>
  i.input === undefined ? 'missing (required)' : what;

const nemoSchema = subsetFieldsSchema.extend({
  system: z.string({ error: 'system must be a string' }).optional(),
  mask: z.string({ error: 'mask must be a string' }).optional(),
  conversations: z.array(
    z.object({
      from: z.string({ error: missingOr('from must be a string ("User" or "Assistant")') }),
      value: z.string({ error: missingOr('value must be a string') }),
      label: z.unknown().optional(),
    }),
    { error: missingOr('expected a list of {from, value} turns') },
  ),
});

function roleOf(from: string, mask: string | undefined): Turn['role'] | undefined {
  const f = from.toLowerCase();
  if (f === 'user' || (mask !== undefined && from === mask)) return 'user';
  if (f === 'assistant') return 'assistant';
  return undefined;
}

/** A NeMo-Aligner conversation row; each assistant turn is scored against the turns before it. */
export function parseNemoRow(value: unknown, line: number): NemoRow {
  const v = parseWith(nemoSchema, value, line);
  const turns: Turn[] = [];
  const assistantTurns: NemoRow['assistantTurns'] = [];
  v.conversations.forEach((c, index) => {
    const role = roleOf(c.from, v.mask);
    if (!role) {
      throw formatError(
        line,
        `conversations[${index}].from`,
        `unknown speaker "${c.from}" (expected "User" or "Assistant")`,
      );
    }
    if (role === 'assistant') {
      if (turns[turns.length - 1]?.role !== 'user') {
        throw formatError(line, `conversations[${index}]`, 'an Assistant turn must follow a User turn');
      }
      const conversation = v.system ? { system: v.system, turns: [...turns] } : { turns: [...turns] };
      assistantTurns.push({ index, input: { conversation, response: c.value } });
    }
    turns.push({ role, content: c.value });
  });
  if (assistantTurns.length === 0) {
    throw formatError(line, 'conversations', 'no Assistant turn to score');
  }
  const subset = pickSubset(v);
  return subset === undefined
    ? { format: 'nemo', assistantTurns }
    : { format: 'nemo', assistantTurns, subset };
}

/** Compact number text for labels: at most `decimals` decimals, no trailing zeros, no "-0". */
export function formatLabelNumber(value: number, decimals = 4): string {
  if (!Number.isFinite(value)) {
    throw new RewardError('input', `Cannot write a label for a non-finite value (${value}).`);
  }
  const rounded = Number(value.toFixed(decimals));
  return String(rounded === 0 ? 0 : rounded);
}

/** `"helpfulness:3,correctness:3.5"` — the attribute string NeMo-Aligner's annotation writes. */
export function formatAttributeLabel(attributes: Readonly<Record<string, number>>, decimals = 4): string {
  return Object.entries(attributes)
    .map(([name, v]) => `${name}:${formatLabelNumber(v, decimals)}`)
    .join(',');
}

/**
 * A copy of a NeMo row with `label` set on the given assistant turns (keyed by index in `conversations`).
 * Everything else, including labels of turns not in `labels`, is kept as it was.
 */
export function writeNemoLabels(
  row: Readonly<Record<string, unknown>>,
  labels: ReadonlyMap<number, Readonly<Record<string, number>>>,
  decimals = 4,
): Record<string, unknown> {
  const conversations = row.conversations;
  if (!Array.isArray(conversations)) {
    throw new RewardError('input', 'This row has no "conversations" list to write labels into.');
  }
  return {
    ...row,
    conversations: conversations.map((turn: unknown, index) => {
      const attrs = labels.get(index);
      if (!attrs || !isRecord(turn)) return turn;
      return { ...turn, label: formatAttributeLabel(attrs, decimals) };
    }),
  };
}
