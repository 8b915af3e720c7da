/**
 * NVIDIA NIM's reward API (docs/architecture.md, 'Reward server'): `POST /v1/chat/completions` with a
 * conversation whose last message is the assistant turn to score → an OpenAI `chat.completion` whose content
 * is `name:value` pairs; `GET /v1/models` in OpenAI's shape plus vLLM's `root`, `parent` and `max_model_len`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { rawValues } from '../../src/core/activation';
import { buildChatCompletion, type NamedScore } from '../../src/core/nim';
import type { ScoreResult } from '../../src/core/types';
import { sendError } from '../dialects';
import { httpError } from '../errors';
import { chatRequestSchema, describeZodError, toScoreInput } from '../schemas';
import type { RouteContext } from './context';
import { modelList } from './nim-doc';

function namedScores(labels: readonly string[], r: ScoreResult): NamedScore[] {
  // A single-output head reports its scalar (alpha applied) as `reward`.
  const values = rawValues(labels, r);
  return labels.length <= 1
    ? [{ name: labels[0] ?? 'reward', value: values[0]! }]
    : labels.map((name, i) => ({ name, value: values[i]! }));
}

export function registerNim(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/v1/models', async () => modelList(ctx));

  app.post('/v1/chat/completions', async (req, reply) => {
    const parsed = chatRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const { message, param } = describeZodError(parsed.error);
      return sendError(reply, httpError(400, 'invalid_request_error', 'invalid_request', message, param));
    }
    if (parsed.data.model !== ctx.modelId) {
      return sendError(
        reply,
        httpError(
          404,
          'not_found_error',
          'model_not_found',
          `Unknown model "${parsed.data.model.slice(0, 100)}"; this server serves "${ctx.modelId}".`,
          'model',
        ),
      );
    }
    const [result] = await ctx.score([toScoreInput(parsed.data)], ctx.truncate);
    return buildChatCompletion({
      id: `chatcmpl-${randomUUID()}`,
      model: ctx.modelId,
      scores: namedScores(ctx.labels, result!),
      promptTokens: result!.tokenCount,
    });
  });
}
