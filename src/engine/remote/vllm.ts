/**
 * vLLM classify client (docs/architecture.md, 'Remote engines'): one POST {base}/classify
 * {"model", "messages", "use_activation": false} per input; the server applies the model's chat template.
 * vLLM applies an activation to classify outputs unless told not to (older versions ignore the flag), which
 * turns rewards into probabilities: when every value in a call looks like one, a warning says so. The shared
 * skeleton is client.ts.
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import type { RemoteModelSpec } from '../../core/types';
import type { LoadOptions } from '../contract';
import { chatPerRequest, createRemote, type RemoteProtocol } from './client';
import { fetchModelList } from './model-list';
import type { RemoteBackend, RemoteClientOptions } from './types';

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

const vllm: RemoteProtocol = async (ctx) => {
  const { spec, http, info, status, warn, signal } = ctx;
  // {base} is the server root (where /classify lives); the OpenAI model list is under /v1.
  status(`Checking ${http.url('v1/models')} for ${spec.model}…`);
  const listed = await fetchModelList(http, 'v1/models', signal);
  if (listed === null) {
    status(`${http.url('v1/models')} is not available (HTTP 404); skipping the model-id check.`);
  } else if (!listed.some((m) => m.id === spec.model)) {
    throw new RewardError(
      'model',
      `Model "${spec.model}" is not served at ${http.url('v1/models')} (it serves: ${listed.map((m) => m.id).join(', ') || 'nothing'}) — check the model id.`,
      { url: http.url('v1/models') },
    );
  }
  const reportedMax = listed?.find((m) => m.id === spec.model)?.max_model_len;
  if (reportedMax) info.maxLength = reportedMax;
  else info.maxLengthUnknown = true;

  const path = 'classify';
  return {
    ...chatPerRequest(
      ctx,
      path,
      (body) => {
        const parsed = classifySchema.safeParse(body);
        if (!parsed.success) {
          throw http.replyError(
            path,
            'expected {"data": [{"index", "label", "probs": [numbers], "num_classes"}]}',
            body,
          );
        }
        const item = parsed.data.data[0]!;
        if (item.num_classes != null && item.num_classes !== item.probs.length) {
          throw http.replyError(
            path,
            `num_classes is ${item.num_classes} but probs has ${item.probs.length} values`,
            body,
          );
        }
        const names = labelsFor(item.probs.length);
        return {
          values: item.probs.map((value, i) => ({ name: names[i]!, value })),
          tokenCount: parsed.data.usage?.prompt_tokens ?? 0,
        };
        // use_activation: false asks vLLM (≥ 0.10) for raw rewards; older servers ignore it (see review below).
      },
      { use_activation: false },
    ),
    review(results) {
      // One value in (0, 1) can be a real reward; a whole call of them (or of distributions) is an activation.
      if (results.every((r) => looksLikeProbabilities(r.logits))) {
        warn(
          `vLLM at ${http.baseUrl} returned values that look like probabilities (all between 0 and 1` +
            `${results[0]!.logits.length > 1 ? ', summing to 1' : ''}): the server applies an activation ` +
            '(sigmoid/softmax) to the reward head, so scores are not raw rewards: this vLLM may be too old to honour ' +
            'the request\'s "use_activation": false; upgrade it, or restart it with the classify activation off.',
        );
      }
    },
  };
};

export function createVllmBackend(
  spec: RemoteModelSpec,
  options?: LoadOptions,
  client?: RemoteClientOptions,
): Promise<RemoteBackend> {
  return createRemote('vllm', vllm, spec, options, client);
}
