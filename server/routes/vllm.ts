/**
 * vLLM's pooling API for reward/classification models (docs/architecture.md, 'Reward APIs'):
 * `POST /classify` (`input` full texts, or chat `messages`) and `POST /score` (/v1/score; text_1 × text_2
 * pairs), with vLLM's field names, activation flags (`use_activation`, and the older `activation` and
 * `softmax`), status codes and error bodies. `GET /v1/models` (server/app.ts) carries `max_model_len`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RewardError } from '../../src/core/errors';
import type { ScoreResult } from '../../src/core/types';
import { activate, rawValues } from '../../src/core/activation';
import { chatRequestSchema, toScoreInput } from '../schemas';
import { splitFullText, splitPair } from '../transcript';
import { checkCount, parseBody, type RouteContext } from './context';
import { readEach, scoreEach, type ItemOutcome, type ReadItem } from './items';
import { vllmErrorSchema } from './error-schemas';
import type { RouteDoc } from './route-doc';

const flag = (name: string, text: string) =>
  z
    .boolean({ error: `${name} must be a boolean or null` })
    .nullish()
    .describe(text);

/** The fields every pooling request shares. */
const common = {
  model: z
    .string({ error: 'model must be a string naming a served model (see GET /v1/models)' })
    .nullish()
    .describe('The served model id; default: the served model.'),
  use_activation: flag('use_activation', 'Apply the head’s activation (default true); false: raw rewards.'),
  activation: flag('activation', 'Older name of use_activation.'),
  softmax: flag('softmax', 'Oldest name of use_activation.'),
  truncate_prompt_tokens: z
    .number({ error: 'truncate_prompt_tokens must be an integer ≥ -1' })
    .int({ error: 'truncate_prompt_tokens must be an integer ≥ -1' })
    .min(-1, { error: 'truncate_prompt_tokens must be an integer ≥ -1' })
    .nullish()
    .describe(
      '-1 (or the model’s max_model_len or more): cut over-long inputs to the model’s limit; absent: the ' +
        'server’s setting. A smaller limit is refused (the engine has its own truncation rule).',
    ),
};

const texts = (name: string) =>
  z
    .union([z.string(), z.array(z.string()).min(1, { error: `${name} must not be empty` })], {
      error: `${name} must be a string or a list of strings`,
    })
    .optional();

export const vllmClassifyRequestSchema = z
  .looseObject({
    ...common,
    input: z
      .union([z.string(), z.array(z.string()).min(1, { error: 'input must not be empty' })], {
        error: 'input must be a string or a list of strings (token ids are not supported)',
      })
      .optional()
      .describe('Full texts (prompt and response in a chat layout), one per result.'),
    messages: chatRequestSchema.shape.messages
      .optional()
      .describe('One conversation whose last message is the assistant turn to score.'),
  })
  .refine((r) => (r.input === undefined) !== (r.messages === undefined), {
    error: 'send either "input" (full texts) or "messages" (one conversation), not both',
  });

/** The names vLLM accepts for the prompts and for the responses of /score. */
const FIRST = ['text_1', 'queries', 'data_1'] as const;
const SECOND = ['text_2', 'documents', 'items', 'data_2'] as const;

export const vllmScoreRequestSchema = z
  .looseObject({
    ...common,
    text_1: texts('text_1').describe('Prompts (one, or one per text_2).'),
    text_2: texts('text_2').describe('Responses to score against text_1.'),
    queries: texts('queries').describe('Newer name of text_1.'),
    documents: texts('documents').describe('Newer name of text_2.'),
    items: texts('items').describe('Another name of text_2.'),
    data_1: texts('data_1').describe('Another name of text_1.'),
    data_2: texts('data_2').describe('Another name of text_2.'),
  })
  .superRefine((r, ctx) => {
    // Synonyms of one input: two of them in one request would leave one silently unused.
    for (const names of [FIRST, SECOND]) {
      const given = names.filter((n) => r[n] !== undefined);
      if (given.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: [given[1]!],
          message: `${given.join(' and ')} name the same input: send one of ${names.join(', ')}`,
        });
      }
    }
    if (FIRST.every((n) => r[n] === undefined) || SECOND.every((n) => r[n] === undefined))
      ctx.addIssue({ code: 'custom', message: 'send text_1 and text_2 (or queries and documents)' });
  });

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  total_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  prompt_tokens_details: z.null(),
});

export const vllmClassifyResponseSchema = z.object({
  id: z.string(),
  object: z.literal('list'),
  created: z.number().int(),
  model: z.string(),
  data: z.array(
    z.object({
      index: z.number().int(),
      label: z
        .string()
        .nullable()
        .describe('The label with the highest value (null for an unreadable input).'),
      probs: z
        .array(z.number())
        .nullable()
        .describe(
          'One value per label (activated unless use_activation is false); for an unreadable input null, or the serve --on-unparsable number for each label.',
        ),
      num_classes: z.number().int(),
      error: z.string().optional().describe('Only for an unreadable input: why it was not scored.'),
    }),
  ),
  usage: usageSchema,
});

export const vllmScoreResponseSchema = z.object({
  id: z.string(),
  object: z.literal('list'),
  created: z.number().int(),
  model: z.string(),
  data: z.array(
    z.object({
      index: z.number().int(),
      object: z.literal('score'),
      score: z
        .number()
        .nullable()
        .describe('null for an unreadable pair (or the serve --on-unparsable number).'),
      error: z.string().optional().describe('Only for an unreadable pair: why it was not scored.'),
    }),
  ),
  usage: usageSchema,
});

type Common = { [K in keyof typeof common]?: z.infer<(typeof common)[K]> };

function checkModel(ctx: RouteContext, model: string | null | undefined): void {
  if (model != null && model !== ctx.modelId) {
    throw new RewardError('input', `The model \`${model.slice(0, 100)}\` does not exist.`, {
      field: 'model',
      notFound: true,
    });
  }
}

/** truncate_prompt_tokens → whether to cut (absent: the server's setting). */
function truncation(ctx: RouteContext, k: number | null | undefined): boolean {
  if (k == null) return ctx.truncate;
  if (k === -1 || k >= ctx.maxInputTokens) return true;
  throw new RewardError(
    'input',
    `truncate_prompt_tokens ${k} is below the model's limit (${ctx.maxInputTokens}); this server only cuts at the model's limit: send -1`,
    { field: 'truncate_prompt_tokens' },
  );
}

const useActivation = (r: Common) => r.use_activation ?? r.activation ?? r.softmax ?? true;

const usage = (outcomes: ItemOutcome[]) => {
  const prompt = outcomes.reduce((n, o) => n + ('result' in o ? o.result.tokenCount : 0), 0);
  return { prompt_tokens: prompt, total_tokens: prompt, completion_tokens: 0, prompt_tokens_details: null };
};

const asList = (v: string | string[]) => (typeof v === 'string' ? [v] : v);

export function registerVllm(app: FastifyInstance, ctx: RouteContext): void {
  const values = (r: ScoreResult, act: boolean) => {
    const raw = rawValues(ctx.labels, r);
    return act ? activate(raw, ctx.activation) : raw;
  };

  app.post('/classify', { config: { dialect: 'vllm' } }, async (req) => {
    const body = parseBody(vllmClassifyRequestSchema, req.body);
    checkModel(ctx, body.model);
    const truncate = truncation(ctx, body.truncate_prompt_tokens);
    const single = body.messages !== undefined || typeof body.input === 'string';
    let items: ReadItem[];
    if (body.messages) {
      items = readEach([body.messages], (messages) => toScoreInput({ model: ctx.modelId, messages }));
    } else {
      const list = asList(body.input!);
      checkCount(list.length, ctx.batch.maxQueue, 'input');
      items = readEach(list, (t, i) => splitFullText(t, single ? 'input' : `input.${i}`));
    }
    const outcomes = await scoreEach(items, { single, onUnparsable: ctx.onUnparsable }, (inputs) =>
      ctx.score(inputs, truncate),
    );
    const act = useActivation(body);
    return {
      id: `classify-${randomUUID()}`,
      object: 'list' as const,
      created: Math.floor(Date.now() / 1000),
      model: ctx.modelId,
      data: outcomes.map((o, index) => {
        if ('error' in o) {
          const probs = o.fallback === null ? null : ctx.labels.map(() => o.fallback!);
          const label = probs ? (ctx.labels[0] ?? 'reward') : null;
          return { index, label, probs, num_classes: ctx.labels.length, error: o.error };
        }
        const probs = values(o.result, act);
        const top = probs.reduce((best, v, i) => (v > probs[best]! ? i : best), 0);
        return { index, label: ctx.labels[top] ?? 'reward', probs, num_classes: probs.length };
      }),
      usage: usage(outcomes),
    };
  });

  const score = async (reqBody: unknown) => {
    const body = parseBody(vllmScoreRequestSchema, reqBody);
    checkModel(ctx, body.model);
    if (ctx.labels.length !== 1) {
      throw new RewardError(
        'input',
        `The score API needs a model with one output; ${ctx.modelId} has ${ctx.labels.length} (${ctx.labels.join(', ')}). Use /classify.`,
      );
    }
    const truncate = truncation(ctx, body.truncate_prompt_tokens);
    const firstGiven = FIRST.map((n) => body[n]).find((v) => v !== undefined)!;
    const secondGiven = SECOND.map((n) => body[n]).find((v) => v !== undefined)!;
    const first = asList(firstGiven);
    const second = asList(secondGiven);
    // vLLM pairs one prompt with every response, or the i-th prompt with the i-th response.
    if (first.length !== 1 && first.length !== second.length) {
      throw new RewardError(
        'input',
        `text_1 has ${first.length} entries and text_2 has ${second.length}: send one text_1, or as many as text_2`,
        { field: 'text_1' },
      );
    }
    checkCount(second.length, ctx.batch.maxQueue, 'text_2');
    const single = typeof secondGiven === 'string';
    const items = readEach(second, (response, i) =>
      splitPair(first[first.length === 1 ? 0 : i]!, response, single ? 'text_2' : `text_2.${i}`),
    );
    const outcomes = await scoreEach(items, { single, onUnparsable: ctx.onUnparsable }, (inputs) =>
      ctx.score(inputs, truncate),
    );
    const act = useActivation(body);
    return {
      id: `score-${randomUUID()}`,
      object: 'list' as const,
      created: Math.floor(Date.now() / 1000),
      model: ctx.modelId,
      data: outcomes.map((o, index) =>
        'error' in o
          ? { index, object: 'score' as const, score: o.fallback, error: o.error }
          : { index, object: 'score' as const, score: values(o.result, act)[0]! },
      ),
      usage: usage(outcomes),
    };
  };
  app.post('/score', { config: { dialect: 'vllm' } }, (req) => score(req.body));
  app.post('/v1/score', { config: { dialect: 'vllm' } }, (req) => score(req.body));
}

export function vllmRouteDocs(ctx: RouteContext): RouteDoc[] {
  const prompt = 'Name a primary colour.';
  const full = `<|start_header_id|>user<|end_header_id|>\n\n${prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nRed.<|eot_id|>`;
  const classifyExample = {
    id: 'classify-0b6e9f0c',
    object: 'list',
    created: 1764633600,
    model: ctx.modelId,
    data: [
      {
        index: 0,
        label: ctx.labels[0] ?? 'reward',
        probs: ctx.labels.map(() => 0.5),
        num_classes: ctx.labels.length,
      },
    ],
    usage: { prompt_tokens: 14, total_tokens: 14, completion_tokens: 0, prompt_tokens_details: null },
  };
  const docs: RouteDoc[] = [
    {
      method: 'post',
      path: '/classify',
      tag: 'vLLM',
      summary: 'vLLM: one value per label for each full text, or for one conversation',
      request: vllmClassifyRequestSchema,
      response: vllmClassifyResponseSchema,
      error: vllmErrorSchema,
      errorStatuses: [400, 401, 404, 413, 415, 429, 500],
      examples: {
        messages: {
          summary: 'A conversation, raw rewards (what the project’s vLLM client sends)',
          value: {
            model: ctx.modelId,
            messages: [
              { role: 'user', content: prompt },
              { role: 'assistant', content: 'Red.' },
            ],
            use_activation: false,
          },
        },
        input: {
          summary: 'Full texts in the Llama 3 layout, activated',
          value: { model: ctx.modelId, input: [full] },
        },
      },
      responseExample: classifyExample,
      authenticated: true,
    },
  ];
  const single = ctx.labels.length === 1;
  const scoreDoc: Omit<RouteDoc, 'path'> = {
    method: 'post',
    tag: 'vLLM',
    summary: 'vLLM: score each (text_1, text_2) pair as (prompt, response); single-output models only',
    request: vllmScoreRequestSchema,
    response: vllmScoreResponseSchema,
    error: vllmErrorSchema,
    errorStatuses: [400, 401, 404, 413, 415, 429, 500],
    // A multi-output model answers /score with 400, as vLLM does: no example gets a 200.
    ...(single
      ? {}
      : { description: `${ctx.modelId} has ${ctx.labels.length} outputs: this route answers 400.` }),
    examples: single
      ? {
          oneToMany: {
            summary: 'One prompt, two responses, raw rewards',
            value: {
              model: ctx.modelId,
              text_1: prompt,
              text_2: ['Red.', 'Purple, obviously.'],
              use_activation: false,
            },
          },
        }
      : {},
    responseExample: {
      id: 'score-0b6e9f0c',
      object: 'list',
      created: 1764633600,
      model: ctx.modelId,
      data: [{ index: 0, object: 'score', score: 0.73 }],
      usage: { prompt_tokens: 9, total_tokens: 9, completion_tokens: 0, prompt_tokens_details: null },
    },
    authenticated: true,
  };
  docs.push({ ...scoreDoc, path: '/score' }, { ...scoreDoc, path: '/v1/score' });
  return docs;
}
