/**
 * Text Embeddings Inference's sequence-classification API (docs/architecture.md, 'Reward APIs'):
 * `POST /predict` (a single sequence, a pair, or a batch of both; `raw_scores`; `truncate`) and `GET /info`,
 * with TEI's field names, status codes and error bodies, so TEI clients (ours included) work unchanged.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { activate, rawValues } from '../../src/core/activation';
import { DEFAULT_BATCH_PLAN } from '../../src/engine/batching';
import { splitFullText, splitPair } from '../transcript';
import { checkCount, parseBody, type RouteContext } from './context';
import { readEach, scoreEach } from './items';
import { teiErrorSchema } from './error-schemas';
import type { RouteDoc } from './route-doc';

/** TEI's default `max_client_batch_size`. */
export const TEI_CLIENT_BATCH = 32;

const single = z.tuple([z.string()]);
const pair = z.tuple([z.string(), z.string()]);

export const teiPredictRequestSchema = z.looseObject({
  inputs: z
    .union([z.string(), single, pair, z.array(z.union([single, pair])).min(1)], {
      error:
        'inputs must be a string, a pair of strings [string, string] or a batch of mixed strings and pairs [[string], [string, string], ...]',
    })
    .describe(
      'A full text (the prompt and the response in a chat layout), a [prompt side, response] pair, or a batch of ' +
        'both. A one-string list is a single text; a list of lists is a batch.',
    ),
  raw_scores: z
    .boolean({ error: 'raw_scores must be a boolean' })
    .optional()
    .describe(
      'false (default): the head’s activation is applied (sigmoid for one output); true: raw scores.',
    ),
  truncate: z
    .boolean({ error: 'truncate must be a boolean' })
    .nullish()
    .describe('Cut over-long inputs (default: the server’s setting, /info auto_truncate) or answer 413.'),
  truncation_direction: z
    .enum(['Left', 'Right', 'left', 'right'], { error: 'truncation_direction must be "Left" or "Right"' })
    .optional()
    .describe(
      'Accepted and ignored: the engine cuts the prompt from the left and keeps the response’s start.',
    ),
});

const predictionSchema = z.object({
  score: z
    .number()
    .nullable()
    .describe('null for an unreadable input (or the serve --on-unparsable number).'),
  label: z.string(),
  error: z.string().optional().describe('Only for an unreadable input of a batch: why it was not scored.'),
});
export const teiPredictResponseSchema = z.union([
  z.array(predictionSchema).describe('One input: its predictions, highest score first.'),
  z.array(z.array(predictionSchema)).describe('A batch: one list per input, in input order.'),
]);

const classifierSchema = z.object({
  id2label: z.record(z.string(), z.string()),
  label2id: z.record(z.string(), z.number().int()),
});
export const teiInfoSchema = z.object({
  model_id: z.string(),
  model_sha: z.string().nullable(),
  model_dtype: z.string(),
  model_type: z.union([z.object({ classifier: classifierSchema }), z.object({ reranker: classifierSchema })]),
  max_concurrent_requests: z.number().int(),
  max_input_length: z.number().int(),
  max_batch_tokens: z.number().int(),
  max_batch_requests: z.number().int().nullable(),
  max_client_batch_size: z.number().int(),
  auto_truncate: z.boolean(),
  tokenization_workers: z.number().int(),
  version: z.string(),
  sha: z.string().nullable(),
  docker_label: z.string().nullable(),
});

function info(ctx: RouteContext): z.infer<typeof teiInfoSchema> {
  const id2label = Object.fromEntries(ctx.labels.map((l, i) => [String(i), l]));
  const label2id = Object.fromEntries(ctx.labels.map((l, i) => [l, i]));
  // TEI reports a single-output sequence classifier as a reranker, a multi-output one as a classifier.
  const head = { id2label, label2id };
  return {
    model_id: ctx.modelId,
    model_sha: null,
    model_dtype: ctx.backend.info.dtype,
    model_type: ctx.labels.length <= 1 ? { reranker: head } : { classifier: head },
    max_concurrent_requests: ctx.batch.maxQueue,
    max_input_length: ctx.maxInputTokens,
    // The most padded tokens in one engine batch, which TEI calls max_batch_tokens.
    max_batch_tokens: DEFAULT_BATCH_PLAN.tokenBudget,
    max_batch_requests: ctx.batch.maxBatchSize,
    max_client_batch_size: TEI_CLIENT_BATCH,
    auto_truncate: ctx.truncate,
    tokenization_workers: 1,
    version: 'reward-playground',
    sha: null,
    docker_label: null,
  };
}

export function registerTei(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/info', { config: { dialect: 'tei' } }, async () => info(ctx));

  app.post('/predict', { config: { dialect: 'tei' } }, async (req) => {
    const body = parseBody(teiPredictRequestSchema, req.body);
    const raw = body.inputs;
    // TEI's reading: a string or a list of strings is one input; a list of lists is a batch.
    const isBatch = Array.isArray(raw) && Array.isArray(raw[0]);
    const sequences = (isBatch ? raw : [typeof raw === 'string' ? [raw] : raw]) as string[][];
    checkCount(sequences.length, TEI_CLIENT_BATCH, 'inputs');
    const items = readEach(sequences, (s, i) => {
      const where = isBatch ? `inputs.${i}` : 'inputs';
      return s.length === 2 ? splitPair(s[0]!, s[1]!, where) : splitFullText(s[0]!, where);
    });
    const outcomes = await scoreEach(items, { single: !isBatch, onUnparsable: ctx.onUnparsable }, (inputs) =>
      ctx.score(inputs, body.truncate ?? ctx.truncate),
    );
    const predictions = outcomes.map((o) => {
      if ('error' in o) return ctx.labels.map((label) => ({ score: o.fallback, label, error: o.error }));
      const values = rawValues(ctx.labels, o.result);
      const shown = body.raw_scores ? values : activate(values, ctx.activation);
      // TEI lists a sequence's predictions highest score first.
      return ctx.labels.map((label, i) => ({ score: shown[i]!, label })).sort((a, b) => b.score - a.score);
    });
    return isBatch ? predictions : predictions[0];
  });
}

export function teiRouteDocs(ctx: RouteContext): RouteDoc[] {
  const prompt = 'What is the boiling point of water at sea level?';
  const answer = 'Water boils at 100 °C (212 °F) at sea level.';
  const full = `<|im_start|>user\n${prompt}<|im_end|>\n<|im_start|>assistant\n${answer}<|im_end|>`;
  return [
    {
      method: 'post',
      path: '/predict',
      tag: 'TEI',
      summary: 'TEI: score a text, a (prompt, response) pair, or a batch of both',
      description:
        'A pair is (prompt side, response): the prompt side as flattenPromptSide writes it (a lone user message, or ' +
        '"System:/User:/Assistant:" lines). A single text is split into turns by its chat layout (see the README).',
      request: teiPredictRequestSchema,
      response: teiPredictResponseSchema,
      error: teiErrorSchema,
      errorStatuses: [401, 413, 415, 422, 424, 429],
      examples: {
        pair: {
          summary: 'One (prompt, response) pair, raw scores',
          value: { inputs: [prompt, answer], raw_scores: true },
        },
        batch: {
          summary: 'A batch: a pair and a chat-templated full text, activated scores',
          value: { inputs: [[prompt, answer], [full]], truncate: true },
        },
        text: { summary: 'One full text in the ChatML layout', value: { inputs: full } },
      },
      responseExample: ctx.labels.map((label, i) => ({ score: 1.5 - i, label })),
      authenticated: true,
    },
    {
      method: 'get',
      path: '/info',
      tag: 'TEI',
      summary: 'TEI: the served model (its labels, input limit and batch limits)',
      response: teiInfoSchema,
      error: teiErrorSchema,
      errorStatuses: [],
      examples: {},
      responseExample: info(ctx),
      authenticated: false,
    },
  ];
}
