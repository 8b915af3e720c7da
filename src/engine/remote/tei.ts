/**
 * Text Embeddings Inference client for cross-encoder reward models (docs/architecture.md, 'Remote engines'):
 * POST {base}/predict with (prompt, response) pairs in batches, `raw_scores: true` so single-label heads are
 * not squashed by a sigmoid. The prompt side is flattened exactly as training does (flattenPromptSide).
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import { flattenPromptSide } from '../../core/flatten';
import type { RemoteModelSpec, ScoreInput, ScoreResult } from '../../core/types';
import { type LoadOptions, type ModelInfo, REMOTE_CAPABILITIES, type ScoreOptions } from '../types';
import { HttpClient } from './http';
import { adoptLabels } from './labels';
import type { RemoteBackend, RemoteClientOptions } from './types';
import { resolveScoring, scoreOf } from '../../core/scoring';

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

export async function createTeiBackend(
  spec: RemoteModelSpec,
  options: LoadOptions = {},
  client: RemoteClientOptions = {},
): Promise<RemoteBackend> {
  const http = new HttpClient({ ...spec, tuning: client.tuning });
  const warnings: string[] = [];
  const status = (message: string) => options.onProgress?.({ kind: 'status', message });

  const info: ModelInfo = {
    id: spec.model,
    family: 'remote',
    engine: 'tei',
    labels: [],
    defaultWeights: {},
    alpha: 1,
    maxLength: 512,
    backend: 'tei',
    dtype: 'remote',
    capabilities: REMOTE_CAPABILITIES,
  };
  let batchSize = TEI_MAX_BATCH;

  // GET /info tells the label order, max length and batch limit; older or proxied servers may lack it.
  status(`Reading ${http.url('info')}…`);
  try {
    const body = await http.getJson('info', options.signal);
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
    status(`${http.url('info')} is not available (HTTP 404); labels will come from the first reply.`);
  }

  async function scoreBatch(batch: ScoreInput[], opts: ScoreOptions) {
    const { signal } = opts;
    const truncate = opts.truncate ?? true;
    const started = performance.now();
    const body = await http.postJson(
      'predict',
      {
        inputs: batch.map((input) => [flattenPromptSide(input.conversation), input.response]),
        raw_scores: true,
        truncate,
      },
      signal,
    );
    const parsed = replySchema.safeParse(body);
    if (!parsed.success)
      throw http.replyError('predict', 'expected a list of {"label", "score"} per input', body);
    const reply = parsed.data;
    const perInput = Array.isArray(reply)
      ? reply.length > 0 && reply.every((r) => Array.isArray(r))
        ? (reply as z.infer<typeof predictionSchema>[][])
        : [reply as z.infer<typeof predictionSchema>[]]
      : [[reply]];
    if (perInput.length !== batch.length) {
      throw http.replyError('predict', `${perInput.length} predictions for ${batch.length} inputs`, body);
    }
    const perInputMs = (performance.now() - started) / batch.length;
    return perInput.map((predictions): ScoreResult => {
      if (predictions.length === 0) throw http.replyError('predict', 'an input got no predictions', body);
      // TEI sorts predictions by score; labels (id2label order) keep the logits' meaning fixed.
      const names = predictions.length === 1 ? ['reward'] : predictions.map((p) => p.label);
      const problem = adoptLabels(info, names);
      if (problem) throw http.replyError('predict', problem, body);
      const attributes = Object.fromEntries(predictions.map((p, k) => [names[k]!, p.score]));
      if (Object.keys(attributes).length !== predictions.length) {
        throw http.replyError('predict', 'a label appears twice', body);
      }
      const logits = info.labels.map((l) => attributes[l]!);
      return {
        score: scoreOf({ logits, attributes }, resolveScoring(info, opts)),
        attributes,
        logits,
        // TEI does not report per-input token counts.
        tokenCount: 0,
        // Unknown: TEI cuts over-long inputs without saying so (see the warning set below).
        truncated: false,
        backend: 'tei',
        dtype: 'remote',
        timingMs: perInputMs,
      };
    });
  }

  warnings.push(
    `TEI truncates over-long inputs (over ${info.maxLength} tokens) on the server without reporting which; ` +
      'results are not flagged as truncated. Score with truncation off to get an error instead.',
  );

  return {
    info,
    warnings,
    async score(inputs: ScoreInput[], opts: ScoreOptions = {}): Promise<ScoreResult[]> {
      const results: ScoreResult[] = [];
      for (let i = 0; i < inputs.length; i += batchSize) {
        results.push(...(await scoreBatch(inputs.slice(i, i + batchSize), opts)));
        opts.onProgress?.(results.length, inputs.length);
      }
      return results;
    },
    async render() {
      return null;
    },
    async dispose() {},
  };
}
