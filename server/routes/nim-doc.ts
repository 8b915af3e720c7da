/**
 * /openapi.json entries for the routes server/app.ts registers itself: the NIM chat completion, the model
 * list (OpenAI's shape plus vLLM's `max_model_len`), /health and /openapi.json.
 */
import { z } from 'zod';
import { chatRequestSchema } from '../schemas';
import type { RouteContext } from './context';
import { openAiErrorSchema } from './error-schemas';
import type { RouteDoc } from './route-doc';

/**
 * The `GET /v1/models` reply (the route sends it; the OpenAPI document shows it): OpenAI's model entry plus vLLM's
 * root, parent and max_model_len (the vLLM client reads the limit).
 */
export function modelList(ctx: Pick<RouteContext, 'modelId' | 'maxInputTokens'>) {
  return {
    object: 'list',
    data: [
      {
        id: ctx.modelId,
        object: 'model',
        created: 0,
        owned_by: 'reward-playground',
        root: ctx.modelId,
        parent: null,
        max_model_len: ctx.maxInputTokens,
      },
    ],
  };
}

export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({
        role: z.literal('assistant'),
        content: z.string().describe('"name:value" pairs joined by ",", e.g. "reward:1.25".'),
      }),
      logprobs: z.object({
        content: z.array(
          z.object({
            token: z.string(),
            logprob: z.number(),
            bytes: z.null(),
            top_logprobs: z.array(z.never()),
          }),
        ),
      }),
      finish_reason: z.literal('length'),
    }),
  ),
  usage: z.object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  }),
});

export const modelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      id: z.string(),
      object: z.literal('model'),
      created: z.number().int(),
      owned_by: z.string(),
      root: z.string(),
      parent: z.null(),
      max_model_len: z.number().int().describe('The model’s input limit in tokens (vLLM’s field).'),
    }),
  ),
});

export const healthSchema = z.looseObject({
  status: z.literal('ok'),
  model: z.string(),
  labels: z.array(z.string()),
  maxInputTokens: z.number().int(),
});

export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export function serverRouteDocs(ctx: RouteContext): RouteDoc[] {
  const value =
    ctx.labels.length <= 1
      ? [{ name: 'reward', value: 1.25 }]
      : ctx.labels.map((name) => ({ name, value: 0.5 }));
  return [
    {
      method: 'post',
      path: '/v1/chat/completions',
      tag: 'NIM',
      summary: 'NIM reward model: score the last assistant turn of a conversation',
      request: chatRequestSchema,
      response: chatCompletionSchema,
      error: openAiErrorSchema,
      errorStatuses: [400, 401, 404, 413, 415, 429, 500],
      examples: {
        oneTurn: {
          summary: 'A user turn and the assistant turn to score',
          value: {
            model: ctx.modelId,
            messages: [
              { role: 'user', content: 'What is the capital of France?' },
              { role: 'assistant', content: 'Paris.' },
            ],
          },
        },
      },
      responseExample: {
        id: 'chatcmpl-0b6e9f0c',
        object: 'chat.completion',
        created: 1764633600,
        model: ctx.modelId,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: value.map((s) => `${s.name}:${s.value}`).join(',') },
            logprobs: {
              content: value.map((s) => ({ token: s.name, logprob: s.value, bytes: null, top_logprobs: [] })),
            },
            finish_reason: 'length',
          },
        ],
        usage: { prompt_tokens: 12, completion_tokens: value.length, total_tokens: 12 + value.length },
      },
      authenticated: true,
    },
    {
      method: 'get',
      path: '/v1/models',
      tag: 'server',
      summary: 'The served model (OpenAI / NIM / vLLM model list)',
      response: modelListSchema,
      error: openAiErrorSchema,
      errorStatuses: [401],
      examples: {},
      responseExample: modelList(ctx),
      authenticated: true,
    },
    {
      method: 'get',
      path: '/health',
      tag: 'server',
      summary: 'Up, and which model (queue and memory too with the API key)',
      response: healthSchema,
      error: openAiErrorSchema,
      errorStatuses: [],
      examples: {},
      responseExample: {
        status: 'ok',
        model: ctx.modelId,
        labels: [...ctx.labels],
        maxInputTokens: ctx.maxInputTokens,
      },
      authenticated: false,
    },
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'server',
      summary: 'This description (OpenAPI 3.1), generated from the schemas that validate requests',
      response: openApiDocumentSchema,
      error: openAiErrorSchema,
      errorStatuses: [],
      examples: {},
      responseExample: {
        openapi: '3.1.0',
        info: { title: 'reward-playground reward server', version: '0.1.0' },
        paths: {},
      },
      authenticated: false,
    },
  ];
}
