/**
 * Text Embeddings Inference client for cross-encoder reward models (docs/architecture.md, 'Remote engines'):
 * POST {base}/predict with (prompt, response) pairs in batches, `raw_scores: true` so single-label heads are
 * not squashed by a sigmoid. The prompt side is flattened exactly as training does (flattenPromptSide). The
 * shared skeleton is client.ts.
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import { flattenPromptSide } from '../../core/flatten';
import type { RemoteModelSpec } from '../../core/types';
import type { LoadOptions } from '../contract';
import { createRemote, type RemoteProtocol } from './client';
import { adoptLabels } from './labels';
import type { RemoteBackend, RemoteClientOptions } from './types';

export const TEI_MAX_BATCH = 32;

const predictionSchema = z.object({ label: z.string(), score: z.number() });
// One input may come back as a bare list (or even a bare object); several as a list per input.
const replySchema = z.union([
  z.array(z.array(predictionSchema)),
  z.array(predictionSchema),
  predictionSchema,
]);
const classifierSchema = z.object({ id2label: z.record(z.string(), z.string()).nullish() });
const infoSchema = z.object({
  model_id: z.string().nullish(),
  max_input_length: z.number().int().positive().nullish(),
  max_client_batch_size: z.number().int().positive().nullish(),
  // Loose: the other keys (embedding, reranker…) say what the server serves instead.
  model_type: z
    .looseObject({
      classifier: classifierSchema.nullish(),
      // TEI reports single-label sequence classifiers (most reward models) as rerankers.
      reranker: classifierSchema.nullish(),
    })
    .nullish(),
});

const tei: RemoteProtocol = async ({ http, info, status, warn, signal }) => {
  // TEI's own limit when /info does not say (the model panel shows it as the model's).
  info.maxLength = 512;
  let batchSize = TEI_MAX_BATCH;

  // GET /info tells the label order, max length and batch limit; older or proxied servers may lack it.
  status(`Reading ${http.url('info')}…`);
  try {
    const body = await http.getJson('info', signal);
    const parsed = infoSchema.safeParse(body);
    if (!parsed.success) throw http.replyError('info', 'expected TEI\'s {"model_id", "model_type", …}', body);
    const teiInfo = parsed.data;
    const head = teiInfo.model_type?.classifier ?? teiInfo.model_type?.reranker;
    if (teiInfo.model_type && !head) {
      throw new RewardError(
        'model',
        `The TEI server at ${http.baseUrl} does not serve a classifier or reranker (model_type: ${Object.keys(teiInfo.model_type).join(', ')}) — start it with a sequence-classification (reward) model.`,
        { url: http.url('info') },
      );
    }
    if (teiInfo.model_id) info.id = teiInfo.model_id;
    if (teiInfo.max_input_length) info.maxLength = teiInfo.max_input_length;
    if (teiInfo.max_client_batch_size) batchSize = Math.min(batchSize, teiInfo.max_client_batch_size);
    const id2label = head?.id2label;
    if (id2label) {
      const labels = Object.entries(id2label)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, label]) => label);
      // A single output is the reward, whatever the config calls it
      // (docs/architecture.md, 'Input formatting': a single output is `reward`).
      if (labels.length > 0) adoptLabels(info, labels.length === 1 ? ['reward'] : labels);
    }
  } catch (error) {
    if (!(error instanceof RewardError && error.code === 'http' && error.details.status === 404)) throw error;
    status(`${http.url('info')} is not available (HTTP 404); the outputs will come from a probe request.`);
  }

  warn(
    `TEI truncates over-long inputs (over ${info.maxLength} tokens) on the server without reporting which; ` +
      'results are not flagged as truncated. Score with truncation off to get an error instead.',
  );

  return {
    batchSize,
    concurrent: false,
    async request(batch, { truncate, signal }) {
      const path = 'predict';
      const body = await http.postJson(
        path,
        {
          inputs: batch.map((input) => [flattenPromptSide(input.conversation), input.response]),
          raw_scores: true,
          truncate,
        },
        signal,
      );
      const parsed = replySchema.safeParse(body);
      if (!parsed.success)
        throw http.replyError(path, 'expected a list of {"label", "score"} per input', body);
      const reply = parsed.data;
      const perInput = Array.isArray(reply)
        ? reply.length > 0 && reply.every((r) => Array.isArray(r))
          ? (reply as z.infer<typeof predictionSchema>[][])
          : [reply as z.infer<typeof predictionSchema>[]]
        : [[reply]];
      return {
        path,
        body,
        replies: perInput.map((predictions) => {
          if (predictions.length === 0) throw http.replyError(path, 'an input got no predictions', body);
          // TEI sorts predictions by score; the skeleton puts them back in label (id2label) order.
          const single = predictions.length === 1;
          // TEI does not report per-input token counts.
          return {
            values: predictions.map((p) => ({ name: single ? 'reward' : p.label, value: p.score })),
            tokenCount: 0,
          };
        }),
      };
    },
  };
};

export function createTeiBackend(
  spec: RemoteModelSpec,
  options?: LoadOptions,
  client?: RemoteClientOptions,
): Promise<RemoteBackend> {
  return createRemote('tei', tei, spec, options, client);
}
