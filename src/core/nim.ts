/**
 * The NIM reward wire format (docs/architecture.md, 'NIM wire format'; the request messages are core/chat's
 * toChatMessages): the reply parser the remote client uses, and the reply builders our NIM-compatible server uses. Builders
 * and parser live together so that what the server writes is exactly what the client reads.
 */
import { z } from 'zod';
import { RewardError } from './errors';

/** One named value of a reward reply, e.g. `helpfulness:1.61`. */
export interface NamedScore {
  name: string;
  value: number;
}

export interface NimUsage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

export interface ParsedNimReply {
  /** The named values in reply order (the label order). */
  scores: NamedScore[];
  /** Where the values were read: the message content, or `logprobs.content` when the content was unusable. */
  source: 'content' | 'logprobs';
  usage: NimUsage;
  model?: string;
}

// A name is anything without the separators and whitespace; the value is a plain decimal/exponent number.
const NAME = /^[^\s:,]+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const EXCERPT_CHARS = 160;

/** A short, single-line view of what we could not read, for error messages. */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Circular structures or BigInt: fall back to a type tag rather than failing inside an error path.
      text = Object.prototype.toString.call(value);
    }
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function replyError(what: string, shown: unknown): RewardError {
  return new RewardError('reply', `Unreadable reward reply: ${what} (got: ${excerpt(shown) || '<empty>'})`);
}

function checkName(name: string, shown: unknown): void {
  if (!NAME.test(name)) {
    throw replyError(`score name "${excerpt(name, 40)}" is empty or contains ':', ',' or whitespace`, shown);
  }
}

function checkUnique(scores: NamedScore[], shown: unknown): NamedScore[] {
  if (scores.length === 0) throw replyError('no scores in the reply', shown);
  const seen = new Set<string>();
  for (const s of scores) {
    if (seen.has(s.name)) throw replyError(`score "${s.name}" appears twice`, shown);
    seen.add(s.name);
  }
  return scores;
}

/** Parses `"helpfulness:1.6,correctness:1.7"` or `"reward:-3.28"`; whitespace around parts is ignored. */
export function parseScoreString(content: string): NamedScore[] {
  if (content.trim() === '') throw replyError('the content is empty', content);
  const scores = content.split(',').map((part): NamedScore => {
    const colon = part.indexOf(':');
    if (colon < 0) throw replyError(`"${excerpt(part.trim(), 40)}" is not name:value`, content);
    const name = part.slice(0, colon).trim();
    const raw = part.slice(colon + 1).trim();
    checkName(name, content);
    if (!NUMBER.test(raw))
      throw replyError(`the value of "${name}" is not a number: "${excerpt(raw, 40)}"`, content);
    const value = Number(raw);
    if (!Number.isFinite(value)) throw replyError(`the value of "${name}" is not finite: "${raw}"`, content);
    return { name, value };
  });
  return checkUnique(scores, content);
}

const messageSchema = z.object({ role: z.string().nullish(), content: z.string().nullish() });
const logprobSchema = z.object({ token: z.string(), logprob: z.number() });
const choiceSchema = z.object({
  // NIM has been seen to send `message` as a one-element array.
  message: z.union([messageSchema, z.array(messageSchema).length(1)]).nullish(),
  logprobs: z.object({ content: z.array(logprobSchema).nullish() }).nullish(),
});
const tokenCount = z.number().int().nonnegative().nullish();
const replySchema = z.object({
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(choiceSchema).min(1),
  usage: z
    .object({ prompt_tokens: tokenCount, completion_tokens: tokenCount, total_tokens: tokenCount })
    .nullish(),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path ? path.replace(/^\./, '') + ': ' : ''}${issue.message}`;
}

function scoresFromLogprobs(entries: z.infer<typeof logprobSchema>[], shown: unknown): NamedScore[] {
  const scores = entries.map((e): NamedScore => {
    const name = e.token.trim();
    checkName(name, shown);
    return { name, value: e.logprob };
  });
  return checkUnique(scores, shown);
}

/**
 * Reads a NIM reward reply (any JSON value). Values come from `choices[0].message.content`; when that is
 * missing or unreadable, from `choices[0].logprobs.content`. Throws RewardError('reply') naming the
 * problem and showing an excerpt; never throws anything else.
 */
export function parseNimReply(body: unknown): ParsedNimReply {
  const parsed = replySchema.safeParse(body);
  if (!parsed.success) throw replyError(`not a chat.completion (${describeIssue(parsed.error)})`, body);
  const reply = parsed.data;
  const choice = reply.choices[0]!;
  const message = Array.isArray(choice.message) ? choice.message[0] : choice.message;
  const content = message?.content;
  const logprobs = choice.logprobs?.content;

  let scores: NamedScore[];
  let source: ParsedNimReply['source'] = 'content';
  if (content != null && content.trim() !== '') {
    try {
      scores = parseScoreString(content);
    } catch (e) {
      // The same numbers may also be in logprobs; use them only when they are themselves valid.
      if (!logprobs?.length) throw e;
      scores = scoresFromLogprobs(logprobs, body);
      source = 'logprobs';
    }
  } else if (logprobs?.length) {
    scores = scoresFromLogprobs(logprobs, body);
    source = 'logprobs';
  } else {
    throw replyError('choices[0] has neither message.content nor logprobs.content with scores', body);
  }

  const usage: NimUsage = {};
  if (reply.usage?.prompt_tokens != null) usage.promptTokens = reply.usage.prompt_tokens;
  if (reply.usage?.completion_tokens != null) usage.completionTokens = reply.usage.completion_tokens;
  if (reply.usage?.total_tokens != null) usage.totalTokens = reply.usage.total_tokens;
  const result: ParsedNimReply = { scores, source, usage };
  if (reply.model != null) result.model = reply.model;
  return result;
}

/**
 * The reply content for named values: `name:value,...`. Uses JavaScript's shortest round-trip number
 * form, so parseScoreString returns exactly these numbers. Non-finite values or bad names are a model
 * failure (e.g. fp16 overflow), not something to put on the wire.
 */
export function formatScoreContent(scores: readonly NamedScore[]): string {
  if (scores.length === 0) throw new RewardError('model', 'The model produced no scores to report.');
  const seen = new Set<string>();
  return scores
    .map(({ name, value }) => {
      if (!NAME.test(name)) {
        throw new RewardError('model', `Score name "${excerpt(name, 40)}" cannot be written as name:value.`);
      }
      if (seen.has(name)) throw new RewardError('model', `Score name "${name}" appears twice.`);
      seen.add(name);
      if (!Number.isFinite(value)) {
        throw new RewardError('model', `The model produced a non-finite score for "${name}" (${value}).`);
      }
      // String(-0) is "0"; keep the sign so the round trip is exact.
      return `${name}:${Object.is(value, -0) ? '-0' : String(value)}`;
    })
    .join(',');
}

export interface ChatCompletionLogprob {
  token: string;
  logprob: number;
  bytes: null;
  top_logprobs: [];
}

/** The OpenAI chat.completion object our server returns (docs/architecture.md, 'Reward server'). */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: { role: 'assistant'; content: string };
      logprobs: { content: ChatCompletionLogprob[] };
      finish_reason: 'length';
    },
  ];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface ChatCompletionArgs {
  id: string;
  model: string;
  scores: readonly NamedScore[];
  promptTokens: number;
  /** Seconds since the epoch; defaults to now. */
  created?: number;
}

/** Builds the full chat.completion object: content string, the same values in logprobs, and usage. */
export function buildChatCompletion(args: ChatCompletionArgs): ChatCompletion {
  const content = formatScoreContent(args.scores);
  // NIM reports one "completion token" per emitted score.
  const completionTokens = args.scores.length;
  return {
    id: args.id,
    object: 'chat.completion',
    created: args.created ?? Math.floor(Date.now() / 1000),
    model: args.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        logprobs: {
          content: args.scores.map((s) => ({
            token: s.name,
            logprob: s.value,
            bytes: null,
            top_logprobs: [],
          })),
        },
        finish_reason: 'length',
      },
    ],
    usage: {
      prompt_tokens: args.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: args.promptTokens + completionTokens,
    },
  };
}
