/**
 * What the engine needs from a model's config.json: its family, output names, defaults and limits.
 * Validated with zod so a foreign or broken config fails with a message naming the field.
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import type { Activation, ModelFamily, Weights } from '../../core/types';

const ACTIVATIONS = ['sigmoid', 'softmax', 'tanh', 'identity'] as const;

const configSchema = z
  .object({
    model_type: z.string(),
    architectures: z.array(z.string()).optional(),
    id2label: z.record(z.string(), z.string()).optional(),
    num_labels: z.number().int().positive().optional(),
    max_position_embeddings: z.number().int().positive().optional(),
    pad_token_id: z.number().int().nullable().optional(),
    bos_token_id: z.number().int().nullable().optional(),
    // Sizes, for estimating how large the weights are once unpacked (see fold-weights.ts).
    hidden_size: z.number().int().positive().optional(),
    num_hidden_layers: z.number().int().positive().optional(),
    intermediate_size: z.number().int().positive().optional(),
    vocab_size: z.number().int().positive().optional(),
    // transformers writes null when no problem type was set (most published checkpoints).
    problem_type: z.string().nullable().optional(),
    // Cross-encoders saved by sentence-transformers name their activation, e.g. "torch.nn.modules.activation.Sigmoid".
    sentence_transformers: z.looseObject({ activation_fn: z.string().nullable().optional() }).optional(),
    // 0 (DeBERTa-v3) or 1 (RoBERTa): the model has no second token type.
    type_vocab_size: z.number().int().nonnegative().optional(),
    reward_playground: z
      .object({
        alpha: z.number().finite().optional(),
        activation: z.enum(ACTIVATIONS).optional(),
        default_weights: z.record(z.string(), z.number().finite()).optional(),
        family: z.enum(['encoder', 'decoder']).optional(),
        max_length: z.number().int().positive().optional(),
        // Set by `reward-playground convert`: its quantized files are weight-only, so batches cannot move a score.
        weight_only_quantization: z.boolean().optional(),
      })
      .optional(),
    // transformers.js's key: which ONNX files keep their weights in `<file>_data` chunks.
    'transformers.js_config': z
      .object({
        use_external_data_format: z
          .union([z.boolean(), z.number().int().nonnegative(), z.record(z.string(), z.number().int())])
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export interface ModelMeta {
  family: ModelFamily;
  modelType: string;
  /** Output names in logit order. */
  labels: string[];
  defaultWeights: Weights;
  alpha: number;
  /** The activation the config names, if any (activationOf). */
  activation?: Activation;
  maxLength: number;
  padTokenId: number | null;
  bosTokenId: number | null;
  /** An upper estimate of the parameter count from the config's sizes; null when they are missing. */
  approxParameters: number | null;
  /** Token types the model has (null: not said); below 2, every token is sent as type 0. */
  typeVocabSize: number | null;
  /** The model's quantized files quantize weights only (this project built them), so they may run batched. */
  weightOnlyQuantization: boolean;
  /** `transformers.js_config.use_external_data_format`, as transformers.js reads it (see external-data.ts). */
  externalData: ExternalDataSetting;
}

export type ExternalDataSetting = boolean | number | Record<string, number> | undefined;

/**
 * Longest decoder input by default. Configs say 40,960 (Qwen3) or 131,072 (Llama 3.x) positions; eager attention
 * over that many tokens does not fit a browser tab, so the cap is this unless the user or the converter's
 * `reward_playground.max_length` says otherwise (docs/architecture.md, 'Truncation').
 */
export const DECODER_MAX_LENGTH = 4096;

// Position ids start after the padding index: 514 positions hold 512 tokens.
const ROBERTA_TYPES = new Set(['roberta', 'xlm-roberta', 'camembert', 'mpnet']);
const ENCODER_TYPES = new Set([
  'bert',
  'roberta',
  'xlm-roberta',
  'camembert',
  'albert',
  'mpnet',
  'deberta',
  'deberta-v2',
  'distilbert',
  'modernbert',
  'electra',
]);

function familyOf(modelType: string, architectures: string[]): ModelFamily | null {
  if (ENCODER_TYPES.has(modelType)) return 'encoder';
  if (architectures.some((a) => a.endsWith('ForSequenceClassification'))) return 'decoder';
  return null;
}

/**
 * Embeddings (input and output, in case they are not tied) plus, per layer, attention (4·h²) and a gated
 * feed-forward (3·h·i). An upper bound for BERT- and Llama-style blocks; only compared against a limit.
 */
function approxParameters(c: {
  hidden_size?: number;
  num_hidden_layers?: number;
  intermediate_size?: number;
  vocab_size?: number;
}): number | null {
  const { hidden_size: h, num_hidden_layers: layers, vocab_size: vocab } = c;
  if (h === undefined || layers === undefined || vocab === undefined) return null;
  const inner = c.intermediate_size ?? 4 * h;
  return 2 * vocab * h + layers * (4 * h * h + 3 * h * inner);
}

/**
 * The activation a config names: `reward_playground.activation`, else sentence-transformers' `activation_fn`
 * (Sigmoid, Tanh, Softmax, Identity), else the problem_type (multi-label → sigmoid, single-label → softmax;
 * `regression`, a loss, names none). Undefined when none is named: callers then use the default.
 */
function activationOf(c: z.infer<typeof configSchema>): Activation | undefined {
  if (c.reward_playground?.activation) return c.reward_playground.activation;
  const fn = c.sentence_transformers?.activation_fn?.split('.').pop()?.toLowerCase();
  if (fn && (ACTIVATIONS as readonly string[]).includes(fn)) return fn as Activation;
  if (c.problem_type === 'multi_label_classification') return 'sigmoid';
  if (c.problem_type === 'single_label_classification') return 'softmax';
  return undefined;
}

function configMaxLength(modelType: string, family: ModelFamily, positions: number | undefined): number {
  if (family === 'decoder') return Math.min(positions ?? DECODER_MAX_LENGTH, DECODER_MAX_LENGTH);
  if (positions === undefined) return 512;
  return positions - (ROBERTA_TYPES.has(modelType) ? 2 : 0);
}

export function parseModelConfig(raw: unknown, where: string, familyOverride?: ModelFamily): ModelMeta {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RewardError(
      'model',
      `${where}: config.json is not a usable model config (${issue?.path.join('.') || 'root'}: ${issue?.message}).`,
    );
  }
  const c = parsed.data;
  const architectures = c.architectures ?? [];
  const family = familyOverride ?? c.reward_playground?.family ?? familyOf(c.model_type, architectures);
  if (!family) {
    throw new RewardError(
      'model',
      `${where}: model_type "${c.model_type}" (${architectures.join(', ') || 'no architectures'}) is not a ` +
        'sequence-classification reward model. Expected an encoder cross-encoder (BERT/RoBERTa/DeBERTa) or a ' +
        '*ForSequenceClassification decoder export.',
    );
  }
  const count = c.num_labels ?? (c.id2label ? Object.keys(c.id2label).length : 1);
  const labels = Array.from(
    { length: count },
    (_, i) => c.id2label?.[String(i)] ?? (count === 1 ? 'reward' : `LABEL_${i}`),
  );
  // HF fills id2label with LABEL_0 by default; a single output is a reward whatever it is called.
  if (count === 1 && /^LABEL_0$/.test(labels[0] ?? '')) labels[0] = 'reward';
  const defaultWeights = c.reward_playground?.default_weights ?? { [labels[0] ?? 'reward']: 1 };
  const activation = activationOf(c);
  return {
    family,
    modelType: c.model_type,
    labels,
    defaultWeights,
    alpha: c.reward_playground?.alpha ?? 1,
    ...(activation ? { activation } : {}),
    maxLength:
      c.reward_playground?.max_length ?? configMaxLength(c.model_type, family, c.max_position_embeddings),
    padTokenId: c.pad_token_id ?? null,
    bosTokenId: c.bos_token_id ?? null,
    approxParameters: approxParameters(c),
    typeVocabSize: c.type_vocab_size ?? null,
    weightOnlyQuantization: c.reward_playground?.weight_only_quantization ?? false,
    externalData: c['transformers.js_config']?.use_external_data_format,
  };
}
