/**
 * vLLM classify client (docs/architecture.md, 'Remote engines'): one POST {base}/classify
 * {"model", "messages", "use_activation": false} per input; the server applies the model's chat template.
 * vLLM applies an activation to classify outputs unless told not to (older versions ignore the flag), which
 * turns rewards into probabilities: when every value in a call looks like one, a warning says so.
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import { buildNimMessages } from '../../core/nim';
import type { RemoteModelSpec, ScoreInput, ScoreResult, ScoringSettings } from '../../core/types';
import { type LoadOptions, type ModelInfo, REMOTE_CAPABILITIES, type ScoreOptions } from '../types';
import { HttpClient } from './http';
import { adoptLabels } from './labels';
import { fetchModelList } from './model-list';
import { scoreEach } from './pool';
import { DEFAULT_CONCURRENCY, type RemoteBackend, type RemoteClientOptions } from './types';
import { resolveScoring, scoreOf } from '../../core/scoring';

const classifySchema = z.object({
  data: z
    .array(
      z.object({
        index: z.number().int().nullish(),
        label: z.string().nullish(),
        probs: z.array(z.number()).min(1),
        num_classes: z.number().int().positive().nullish(),
      }),
    )
    .length(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative().nullish() }).nullish(),
});

/** Labels for n outputs: vLLM only names the argmax class, so multi-output heads get HF's default names. */
function labelsFor(n: number): string[] {
  return n === 1 ? ['reward'] : Array.from({ length: n }, (_, i) => `LABEL_${i}`);
}

/** True when the values look like an activation's output rather than raw rewards. */
export function looksLikeProbabilities(values: readonly number[]): boolean {
  if (values.length === 1) return values[0]! > 0 && values[0]! < 1;
  const sum = values.reduce((a, b) => a + b, 0);
  return values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3;
}

export async function createVllmBackend(
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
    engine: 'vllm',
    labels: [],
    defaultWeights: {},
    alpha: 1,
    maxLength: 4096,
    backend: 'vllm',
    dtype: 'remote',
    capabilities: REMOTE_CAPABILITIES,
  };

  // {base} is the server root (where /classify lives); the OpenAI model list is under /v1.
  status(`Checking ${http.url('v1/models')} for ${spec.model}…`);
  const listed = await fetchModelList(http, 'v1/models', options.signal);
  if (listed === null) {
    status(`${http.url('v1/models')} is not available (HTTP 404); skipping the model-id check.`);
  } else {
    const entry = listed.find((m) => m.id === spec.model);
    if (!entry) {
      throw new RewardError(
        'model',
        `Model "${spec.model}" is not served at ${http.url('v1/models')} (it serves: ${listed.map((m) => m.id).join(', ') || 'nothing'}) — check the model id.`,
        { url: http.url('v1/models') },
      );
    }
    if (entry.max_model_len) info.maxLength = entry.max_model_len;
  }
  if (!listed?.find((m) => m.id === spec.model)?.max_model_len) info.maxLengthUnknown = true;

  function warn(text: string) {
    if (!warnings.includes(text)) warnings.push(text);
  }

  async function scoreOne(input: ScoreInput, scoring: ScoringSettings, signal: AbortSignal) {
    const started = performance.now();
    const body = await http.postJson(
      'classify',
      // use_activation: false asks vLLM (≥ 0.10) for raw rewards; older servers ignore it (see the warning below).
      { model: spec.model, messages: buildNimMessages(input), use_activation: false },
      signal,
    );
    const parsed = classifySchema.safeParse(body);
    if (!parsed.success) {
      throw http.replyError(
        'classify',
        'expected {"data": [{"index", "label", "probs": [numbers], "num_classes"}]}',
        body,
      );
    }
    const item = parsed.data.data[0]!;
    if (item.num_classes != null && item.num_classes !== item.probs.length) {
      throw http.replyError(
        'classify',
        `num_classes is ${item.num_classes} but probs has ${item.probs.length} values`,
        body,
      );
    }
    const problem = adoptLabels(info, labelsFor(item.probs.length));
    if (problem) throw http.replyError('classify', problem, body);
    const attributes = Object.fromEntries(info.labels.map((l, i) => [l, item.probs[i]!]));
    const result: ScoreResult = {
      score: scoreOf({ logits: item.probs, attributes }, resolveScoring(info, scoring)),
      attributes,
      logits: [...item.probs],
      tokenCount: parsed.data.usage?.prompt_tokens ?? 0,
      truncated: false,
      backend: 'vllm',
      dtype: 'remote',
      timingMs: performance.now() - started,
    };
    return result;
  }

  return {
    info,
    warnings,
    async score(inputs: ScoreInput[], opts: ScoreOptions = {}): Promise<ScoreResult[]> {
      const results = await scoreEach(
        inputs,
        client.concurrency ?? DEFAULT_CONCURRENCY,
        opts,
        (input, signal) => scoreOne(input, opts, signal),
      );
      // One value in (0, 1) can be a real reward; a whole call of them (or of distributions) is an activation.
      if (results.length > 0 && results.every((r) => looksLikeProbabilities(r.logits))) {
        warn(
          `vLLM at ${http.baseUrl} returned values that look like probabilities (all between 0 and 1` +
            `${results[0]!.logits.length > 1 ? ', summing to 1' : ''}): the server applies an activation ` +
            '(sigmoid/softmax) to the reward head, so scores are not raw rewards: this vLLM may be too old to honour ' +
            'the request\'s "use_activation": false; upgrade it, or restart it with the classify activation off.',
        );
      }
      return results;
    },
    async render() {
      return null;
    },
    async dispose() {},
  };
}
