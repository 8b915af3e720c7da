import { z } from 'zod';
import type { Message } from './messages';
import type { CandidatesRow } from './rows';
import { messageListSchema, pickSubset, subsetFieldsSchema, toConversation } from './messages';
import { formatError, parseWith } from './validate';

const candidatesSchema = subsetFieldsSchema.extend({
  prompt: z.string({ error: 'prompt must be a string' }).optional(),
  messages: messageListSchema.optional(),
  system: z.string({ error: 'system must be a string' }).optional(),
  responses: z
    .array(z.string({ error: 'each response must be a string' }), {
      error: (i) => (i.input === undefined ? 'missing (required)' : 'expected a list of response strings'),
    })
    .min(1, { error: 'needs at least one response' }),
});

/** A best-of-n row: `{prompt | messages, responses: [str, …]}`, optional `system`. */
export function parseCandidatesRow(value: unknown, line: number): CandidatesRow {
  const v = parseWith(candidatesSchema, value, line);
  if (v.prompt !== undefined && v.messages !== undefined) {
    throw formatError(line, 'messages', 'give either prompt or messages, not both');
  }
  let messages: Message[];
  if (v.messages !== undefined) messages = v.messages;
  else if (v.prompt !== undefined) messages = [{ role: 'user', content: v.prompt }];
  else throw formatError(line, 'prompt', 'missing (a candidates row needs prompt or messages)');
  if (v.system !== undefined) messages = [{ role: 'system', content: v.system }, ...messages];
  const conversation = toConversation(messages, line, v.messages !== undefined ? 'messages' : 'prompt');
  const subset = pickSubset(v);
  const row: CandidatesRow = { format: 'candidates', conversation, responses: v.responses };
  return subset === undefined ? row : { ...row, subset };
}
