/**
 * Validation of NIM reward requests (docs/architecture.md, 'NIM wire format' and 'Reward server') and their
 * mapping to the engine's ScoreInput. Zod checks the shape; `toScoreInput` checks what a reward model needs
 * (a final assistant turn that answers a user turn). Every message names the offending field.
 */
import { z } from 'zod';
import { RewardError } from '../src/core/errors';
import { splitSystem } from '../src/core/chat';
import type { ScoreInput } from '../src/core/types';
import { checkNotEmpty } from './transcript';

const textPart = z.object(
  {
    type: z.literal('text', { error: 'only content parts of type "text" are supported' }),
    text: z.string({ error: 'a text part needs a string "text"' }),
  },
  { error: 'a content part must be an object like {"type": "text", "text": "…"}' },
);

const content = z.union(
  [z.string(), z.array(textPart).min(1, { error: 'content parts must not be empty' })],
  {
    error: 'content must be a string or an array of {"type": "text", "text": "…"} parts',
  },
);

const message = z.object(
  {
    role: z.enum(['system', 'user', 'assistant'], {
      error: 'role must be "system", "user" or "assistant"',
    }),
    content,
  },
  { error: 'each message must be an object with "role" and "content"' },
);

export const chatRequestSchema = z.object(
  {
    model: z
      .string({ error: 'model must be a string naming a served model (see GET /v1/models)' })
      .min(1, { error: 'model must not be empty' })
      .max(512, { error: 'model is longer than 512 characters' }),
    messages: z
      .array(message, { error: 'messages must be an array of {"role", "content"} objects' })
      .min(1, { error: 'messages must not be empty: send a user turn and the assistant turn to score' }),
    stream: z
      .boolean({ error: 'stream must be a boolean' })
      .optional()
      // describeZodError prefixes the field: "stream: true is not supported…".
      .refine((s) => s !== true, { error: 'true is not supported by a reward model; omit it' }),
  },
  { error: 'request body must be a JSON object with "model" and "messages"' },
);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/**
 * The first problem zod found, as `path: message` (e.g. `messages.1.role: …`). For a union (content
 * is a string or a list of parts) it reports the branch that got furthest, which is the specific one.
 */
export function describeZodError(error: z.ZodError): { message: string; param: string | null } {
  let issue: z.core.$ZodIssue | undefined = error.issues[0];
  let path: PropertyKey[] = [];
  while (issue?.code === 'invalid_union') {
    const deepest = issue.errors
      .map((branch) => branch[0])
      .filter((i): i is z.core.$ZodIssue => i !== undefined && i.path.length > 0)
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!deepest) break;
    path = [...path, ...issue.path];
    issue = deepest;
  }
  if (!issue) return { message: 'invalid request', param: null };
  const full = [...path, ...issue.path];
  const param = full.length ? full.map(String).join('.') : null;
  return { message: param ? `${param}: ${issue.message}` : issue.message, param };
}

function textOf(c: ChatRequest['messages'][number]['content']): string {
  return typeof c === 'string' ? c : c.map((p) => p.text).join('');
}

/**
 * A validated request → the conversation and the response to score. System messages must come
 * first; the last message is the scored assistant turn and must follow a user turn.
 */
export function toScoreInput(req: ChatRequest): ScoreInput {
  const msgs = req.messages.map((m) => ({ role: m.role, text: textOf(m.content) }));
  const { system, turns } = splitSystem(
    msgs.map((m) => ({ role: m.role, content: m.text })),
    (i) =>
      new RewardError('input', `messages.${i}: system messages must come before all other turns`, {
        field: `messages.${i}.role`,
      }),
  );
  const last = turns.at(-1);
  if (!last || last.role !== 'assistant') {
    throw new RewardError(
      'input',
      last
        ? `the last message must be the assistant turn to score, got role "${last.role}"`
        : 'messages contain no assistant turn to score',
      { field: 'messages' },
    );
  }
  const before = turns.at(-2);
  if (!before || before.role !== 'user') {
    throw new RewardError('input', 'the scored assistant turn must follow a user turn', {
      field: 'messages',
    });
  }
  const history = turns.slice(0, -1);
  return checkNotEmpty(
    {
      conversation: system !== undefined ? { system, turns: history } : { turns: history },
      response: last.content,
    },
    'messages',
  );
}
