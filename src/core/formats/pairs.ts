import { z } from 'zod';
import type { PairRow } from './rows';
import {
  type Message,
  messageListSchema,
  pickSubset,
  sameMessage,
  subsetFieldsSchema,
  textOrMessagesSchema,
  toConversation,
} from './messages';
import { formatError, parseWith } from './validate';

const required = (what: string) => (iss: { input: unknown }) =>
  iss.input === undefined ? 'missing (required)' : what;

const pairSchema = subsetFieldsSchema.extend({
  prompt: textOrMessagesSchema.optional(),
  chosen: z.union([z.string(), messageListSchema], {
    error: required('expected a string or a list of {role, content} messages'),
  }),
  rejected: z.union([z.string(), messageListSchema], {
    error: required('expected a string or a list of {role, content} messages'),
  }),
  /** The project's own data: the whole conversation before the response (its last turn is the prompt). */
  context: messageListSchema.optional(),
});

function endsWith(list: readonly Message[], tail: readonly Message[]): boolean {
  if (tail.length > list.length) return false;
  const off = list.length - tail.length;
  return tail.every((m, i) => sameMessage(list[off + i]!, m));
}

function startsWith(list: readonly Message[], head: readonly Message[]): boolean {
  return head.length <= list.length && head.every((m, i) => sameMessage(list[i]!, m));
}

/** context + prompt without repeating the prompt when the context already ends with it. */
function joinContext(context: readonly Message[], prompt: readonly Message[]): Message[] {
  if (prompt.length && endsWith(context, prompt)) return [...context];
  return [...context, ...prompt];
}

/**
 * A TRL / RewardBench pair, or the project's own pair shape (design §6, shared/data/README.md).
 * `chosen`/`rejected` are either both strings (then `prompt` is required) or both message lists whose
 * shared prefix is the conversation and whose last assistant messages differ.
 */
export function parsePairRow(value: unknown, line: number): PairRow {
  const v = parseWith(pairSchema, value, line);
  const prompt: Message[] =
    v.prompt === undefined
      ? []
      : typeof v.prompt === 'string'
        ? [{ role: 'user', content: v.prompt }]
        : v.prompt;
  const head = joinContext(v.context ?? [], prompt);
  const subset = pickSubset(v);
  const withSubset = (row: PairRow): PairRow => (subset === undefined ? row : { ...row, subset });

  if (typeof v.chosen === 'string' && typeof v.rejected === 'string') {
    if (v.prompt === undefined) {
      throw formatError(line, 'prompt', 'missing (required when chosen and rejected are strings)');
    }
    const conversation = toConversation(head, line, v.context ? 'context' : 'prompt');
    return withSubset({ format: 'pairs', conversation, chosen: v.chosen, rejected: v.rejected });
  }
  if (typeof v.chosen === 'string' || typeof v.rejected === 'string') {
    throw formatError(
      line,
      'rejected',
      'chosen and rejected must both be strings or both be message lists, not one of each',
    );
  }
  const chosen = v.chosen;
  const rejected = v.rejected;
  let p = 0;
  while (p < chosen.length && p < rejected.length && sameMessage(chosen[p]!, rejected[p]!)) p++;
  const restC = chosen.slice(p);
  const restR = rejected.slice(p);
  if (restC.length === 0 && restR.length === 0) {
    throw formatError(line, 'rejected', 'chosen and rejected are the same conversation');
  }
  for (const [field, rest] of [
    ['chosen', restC],
    ['rejected', restR],
  ] as const) {
    if (rest.length !== 1 || rest[0]?.role !== 'assistant') {
      throw formatError(
        line,
        field,
        `chosen and rejected must share every message except one final assistant message (they first differ at message ${p})`,
      );
    }
  }
  const prefix = chosen.slice(0, p);
  const messages = startsWith(prefix, head) ? prefix : [...head, ...prefix];
  const conversation = toConversation(messages, line, prefix.length ? 'chosen' : 'prompt');
  return withSubset({
    format: 'pairs',
    conversation,
    chosen: restC[0]!.content,
    rejected: restR[0]!.content,
  });
}
