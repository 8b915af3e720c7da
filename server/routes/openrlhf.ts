/**
 * OpenRLHF's remote reward model API (docs/architecture.md, 'Reward APIs'): `POST /get_reward` with
 * `{"query": [full texts]}` (prompt and response rendered by the trainer) → `{"rewards": [...]}`, raw
 * rewards as OpenRLHF's own serve_rm answers. Newer OpenRLHF versions also send `prompts` and `labels`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RewardError } from '../../src/core/errors';
import { splitFullText } from '../transcript';
import { checkCount, parseBody, type RouteContext } from './context';
import { readEach, scoreEach } from './items';
import { fastApiErrorSchema } from './error-schemas';
import type { RouteDoc } from './route-doc';

export const getRewardRequestSchema = z.looseObject({
  query: z
    .array(z.string({ error: 'each query must be a string' }), {
      error: 'query must be a list of full texts (prompt and response, as the trainer renders them)',
    })
    .min(1, { error: 'query must not be empty' })
    .describe('Full texts: prompt and response in a chat layout (see the README), one reward each.'),
  prompts: z
    .array(z.string({ error: 'each prompt must be a string' }), {
      error: 'prompts must be a list of strings',
    })
    .nullish()
    .describe(
      'The prompt part of each query: the response is everything after it, never split again (without prompts, a query must hold one exchange).',
    ),
  labels: z.unknown().optional().describe('Accepted and ignored (reference answers for rule-based rewards).'),
});

export const getRewardResponseSchema = z.object({
  rewards: z
    .array(z.number().nullable())
    .describe(
      'One raw reward per query, in order; for an unreadable query null, or the serve --on-unparsable number.',
    ),
  scores: z.array(z.number().nullable()).describe('The same values (newer OpenRLHF versions read "scores").'),
  errors: z
    .array(z.string().nullable())
    .optional()
    .describe('Only when a query could not be read: its reason at its index, null for the others.'),
});

export function registerOpenRlhf(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/get_reward', { config: { dialect: 'openrlhf' } }, async (req) => {
    const body = parseBody(getRewardRequestSchema, req.body);
    const { query, prompts } = body;
    checkCount(query.length, ctx.batch.maxQueue, 'query');
    if (prompts && prompts.length !== query.length) {
      throw new RewardError('input', `prompts has ${prompts.length} entries for ${query.length} queries`, {
        field: 'prompts',
      });
    }
    const items = readEach(query, (q, i) => splitFullText(q, `query.${i}`, prompts?.[i]));
    const outcomes = await scoreEach(items, { single: false, onUnparsable: ctx.onUnparsable }, (inputs) =>
      ctx.score(inputs, ctx.truncate),
    );
    // The ranking scalar: a single output's reward, or a multi-output model's default-weighted sum.
    const rewards = outcomes.map((o) => ('result' in o ? o.result.score : o.fallback));
    const errors = outcomes.map((o) => ('error' in o ? o.error : null));
    return errors.some((e) => e !== null)
      ? { rewards, scores: rewards, errors }
      : { rewards, scores: rewards };
  });
}

export function openRlhfRouteDocs(ctx: RouteContext): RouteDoc[] {
  return [
    {
      method: 'post',
      path: '/get_reward',
      tag: 'OpenRLHF',
      summary: 'OpenRLHF remote reward model: one raw reward per full text',
      description: `Serves ${ctx.modelId}. A multi-output model's reward is its score (the default-weighted sum).`,
      request: getRewardRequestSchema,
      response: getRewardResponseSchema,
      error: fastApiErrorSchema,
      errorStatuses: [400, 401, 413, 415, 429, 500],
      examples: {
        chatml: {
          summary: 'Two rollouts rendered with a ChatML chat template',
          value: {
            query: [
              '<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>',
              '<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nFive, I think.<|im_end|>',
            ],
          },
        },
        template: {
          summary: 'OpenRLHF input_template "User: {}\\nAssistant: " with prompts',
          value: { query: ['User: Say hi.\nAssistant: Hi!'], prompts: ['User: Say hi.\nAssistant: '] },
        },
      },
      responseExample: { rewards: [1.25, -0.5], scores: [1.25, -0.5] },
      authenticated: true,
    },
  ];
}
