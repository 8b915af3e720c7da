import { z } from 'zod';
import type { PairRow } from './rows';
import {
  type Message,
  messageListSchema,
  parseTextOrMessages,
  pickSubset,
  sameMessage,
  subsetFieldsSchema,
  toConversation,
} from './messages';
import { formatError, parseWith } from './validate';

const pairSchema = subsetFieldsSchema.extend({
  // prompt / chosen / rejected are strings or message lists, checked by parseTextOrMessages.
  prompt: z.unknown().optional(),
  chosen: z.unknown().optional(),
  rejected: z.unknown().optional(),
  /** The project's own data: the whole conversation before the response (its last turn is the prompt). */
  context: messageListSchema.optional(),
});

function endsWith(list: readonly Message[], tail: readonly Message[]): boolean {
  if (tail.length > list.length) return false;
  const off = list.length - tail.length;
  return tail.every((m, i) => sameMessage(list[off + i]!, m));
}

/** True when `run` occurs as consecutive messages somewhere in `list`. */
function containsRun(list: readonly Message[], run: readonly Message[]): boolean {
  for (let off = 0; off + run.length <= list.length; off++) {
    if (run.every((m, i) => sameMessage(list[off + i]!, m))) return true;
  }
  return false;
}

/** context + prompt without repeating the prompt when the context already ends with it. */
function joinContext(context: readonly Message[], prompt: readonly Message[]): Message[] {
  if (prompt.length && endsWith(context, prompt)) return [...context];
  return [...context, ...prompt];
}

/**
 * A TRL / RewardBench pair, or the project's own pair shape (docs/architecture.md, 'Input formats';
 * shared/data/README.md). `chosen`/`rejected` are either both strings (then `prompt` is required) or both
 * message lists whose shared prefix is the conversation and whose last assistant messages differ.
 */
export function parsePairRow(value: unknown, line: number): PairRow {
  const v = parseWith(pairSchema, value, line);
  const chosen = parseTextOrMessages(v.chosen, line, 'chosen');
  const rejected = parseTextOrMessages(v.rejected, line, 'rejected');
  const rawPrompt = v.prompt === undefined ? undefined : parseTextOrMessages(v.prompt, line, 'prompt');
  const prompt: Message[] =
    rawPrompt === undefined
      ? []
      : typeof rawPrompt === 'string'
        ? [{ role: 'user', content: rawPrompt }]
        : rawPrompt;
  const head = joinContext(v.context ?? [], prompt);
  const subset = pickSubset(v);
  const withSubset = (row: PairRow): PairRow => (subset === undefined ? row : { ...row, subset });

  if (typeof chosen === 'string' && typeof rejected === 'string') {
    if (rawPrompt === undefined) {
      throw formatError(line, 'prompt', 'missing (required when chosen and rejected are strings)');
    }
    const conversation = toConversation(head, line, v.context ? 'context' : 'prompt');
    return withSubset({ format: 'pairs', conversation, chosen, rejected });
  }
  if (typeof chosen === 'string' || typeof rejected === 'string') {
    throw formatError(
      line,
      'rejected',
      'chosen and rejected must both be strings or both be message lists, not one of each',
    );
  }
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
  // The prompt may be repeated inside the lists (TRL's implicit-prompt rows): then the lists already hold it.
  const messages = containsRun(prefix, head) ? prefix : [...head, ...prefix];
  const conversation = toConversation(messages, line, prefix.length ? 'chosen' : 'prompt');
  return withSubset({
    format: 'pairs',
    conversation,
    chosen: restC[0]!.content,
    rejected: restR[0]!.content,
  });
}
