import { z } from 'zod';
import { splitSystem } from '../chat';
import type { Conversation } from '../types';
import { formatError, isRecord, parseWith } from './validate';

/** An OpenAI/TRL-style chat message. */
export const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant'], { error: 'role must be "system", "user" or "assistant"' }),
  content: z.string({ error: 'content must be a string' }),
});
export type Message = z.infer<typeof messageSchema>;

export const messageListSchema = z.array(messageSchema, {
  error: 'expected a list of {role, content} messages',
});

/**
 * Text given either as a string or as a message list; errors name the exact message and field
 * (`chosen[2].role`), which a zod union would blur into one "invalid input".
 */
export function parseTextOrMessages(value: unknown, line: number, field: string): string | Message[] {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return parseWith(messageListSchema, value, line, field);
  throw formatError(
    line,
    field,
    value === undefined ? 'missing (required)' : 'expected a string or a list of {role, content} messages',
  );
}

/** The optional subset label of a row: `subset`, else `meta.subset`, else `source`. */
// `source` and `meta` are provenance that other tools fill freely, so only string values are used and
// other shapes are not errors; `subset` is ours to define and must be a string.
export const subsetFieldsSchema = z.object({
  subset: z.string({ error: 'subset must be a string' }).optional(),
  source: z.unknown().optional(),
  meta: z.unknown().optional(),
});

export function pickSubset(v: z.infer<typeof subsetFieldsSchema>): string | undefined {
  if (v.subset !== undefined) return v.subset;
  if (isRecord(v.meta) && typeof v.meta.subset === 'string') return v.meta.subset;
  return typeof v.source === 'string' ? v.source : undefined;
}

export function sameMessage(a: Message, b: Message): boolean {
  return a.role === b.role && a.content === b.content;
}

/**
 * Turns the messages before a scored response into a Conversation: leading system messages become
 * `system`, the rest must be user/assistant turns ending with the user turn being answered.
 */
export function toConversation(messages: readonly Message[], line: number, field: string): Conversation {
  const { system, turns } = splitSystem(messages, (i) =>
    formatError(line, `${field}[${i}]`, 'a system message is only allowed at the start of the conversation'),
  );
  const last = turns[turns.length - 1];
  if (!last) throw formatError(line, field, 'the conversation has no user turn to answer');
  if (last.role !== 'user') {
    throw formatError(line, field, 'the conversation before the scored response must end with a user turn');
  }
  return system !== undefined ? { system, turns } : { turns };
}
