/**
 * NIM reward client (docs/architecture.md, 'NIM wire format'): one POST {base}/chat/completions per input,
 * the last assistant turn is scored. Also talks to our own server (docs/architecture.md, 'Reward server'),
 * which speaks the same protocol.
 */
import { RewardError } from '../../core/errors';
import { buildNimMessages, parseNimReply } from '../../core/nim';
import type { RemoteModelSpec, ScoreInput, ScoreResult, ScoringSettings } from '../../core/types';
import { type LoadOptions, type ModelInfo, REMOTE_CAPABILITIES, type ScoreOptions } from '../types';
import { HttpClient } from './http';
import { adoptLabels } from './labels';
import { fetchModelList } from './model-list';
import { scoreEach } from './pool';
import { DEFAULT_CONCURRENCY, type RemoteBackend, type RemoteClientOptions } from './types';
import { resolveScoring, scoreOf } from '../../core/scoring';

/** Only a placeholder while the server does not say (maxLengthUnknown): never shown as the model's limit. */
const UNREPORTED_MAX_LENGTH = 4096;

export async function createNimBackend(
  spec: RemoteModelSpec,
  options: LoadOptions = {},
  client: RemoteClientOptions = {},
): Promise<RemoteBackend> {
  const http = new HttpClient({ ...spec, tuning: client.tuning });
  const warnings: string[] = [];
  const status = (message: string) => options.onProgress?.({ kind: 'status', message });

  status(`Checking ${http.url('models')} for ${spec.model}…`);
  const listed = await fetchModelList(http, 'models', options.signal);
  const reportedMax = listed?.find((m) => m.id === spec.model)?.max_model_len ?? null;
  if (listed === null) {
    status(`${http.url('models')} does not list models (HTTP 404); skipping the model-id check.`);
  } else {
    const ids = listed.map((m) => m.id);
    if (!ids.includes(spec.model)) {
      throw new RewardError(
        'model',
        `Model "${spec.model}" is not listed at ${http.url('models')} (it lists: ${ids.slice(0, 10).join(', ') || 'nothing'}${ids.length > 10 ? ', …' : ''}) — check the model id.`,
        { url: http.url('models') },
      );
    }
  }

  const info: ModelInfo = {
    id: spec.model,
    family: 'remote',
    engine: 'nim',
    // Learned from the first reply (a NIM reply names its outputs).
    labels: [],
    defaultWeights: {},
    alpha: 1,
    // The limit the server reports for this model (our own server, vLLM-style lists); else unknown.
    maxLength: reportedMax ?? UNREPORTED_MAX_LENGTH,
    ...(reportedMax === null ? { maxLengthUnknown: true } : {}),
    backend: 'nim',
    dtype: 'remote',
    capabilities: REMOTE_CAPABILITIES,
  };

  async function scoreOne(input: ScoreInput, scoring: ScoringSettings, signal: AbortSignal) {
    const started = performance.now();
    const body = await http.postJson(
      'chat/completions',
      { model: spec.model, messages: buildNimMessages(input) },
      signal,
    );
    let parsed;
    try {
      parsed = parseNimReply(body);
    } catch (error) {
      if (error instanceof RewardError) {
        throw new RewardError('reply', `${http.url('chat/completions')}: ${error.message}`, {
          url: http.url('chat/completions'),
        });
      }
      throw error;
    }
    const names = parsed.scores.map((s) => s.name);
    const problem = adoptLabels(info, names);
    if (problem) throw http.replyError('chat/completions', problem, body);
    const attributes = Object.fromEntries(parsed.scores.map((s) => [s.name, s.value]));
    const logits = info.labels.map((l) => attributes[l]!);
    const result: ScoreResult = {
      score: scoreOf({ logits, attributes }, resolveScoring(info, scoring)),
      attributes,
      logits,
      tokenCount: parsed.usage.promptTokens ?? 0,
      truncated: false,
      backend: 'nim',
      dtype: 'remote',
      timingMs: performance.now() - started,
    };
    return result;
  }

  return {
    info,
    warnings,
    score(inputs: ScoreInput[], opts: ScoreOptions = {}): Promise<ScoreResult[]> {
      return scoreEach(inputs, client.concurrency ?? DEFAULT_CONCURRENCY, opts, (input, signal) =>
        scoreOne(input, opts, signal),
      );
    },
    async render() {
      return null;
    },
    async dispose() {},
  };
}
