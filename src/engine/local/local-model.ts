/**
 * What every local model family shares, in one place: loading (tokenizer, ONNX weights and external data, the
 * session options and device plan, the graph check, `ModelInfo`) and scoring (tokenize ahead, then length-planned
 * batches through one session). A family subclasses `LocalModel` and says only how it builds its inputs
 * (`encode`, `feeds`) and renders them: encoder.ts and decoder.ts. A new family (a T5 or ModernBERT reward head)
 * is one such file plus a case in load.ts.
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { LocalModelSpec, ModelFamily, ScoreInput, ScoreResult } from '../../core/types';
import { padRight, type BatchPlanOptions } from '../batching';
import type { EngineRuntime, ExecutionDevice, OrtSessionLike, OrtTensorLike } from '../runtime';
import { type LoadOptions, type ModelInfo, type RenderedInput, type ScoreOptions } from '../contract';
import { LOCAL_CAPABILITIES, type RewardBackend } from '../backend';
import { eventLoopYielder } from './char-cut';
import { fileNotFoundError, looksLikeOnnx, onnxFileFor } from './dtypes';
import { fetchExternalData } from './external-data';
import { sessionPlanFor } from './fold-weights';
import { checkGraphInputs, readLogits } from './graph-io';
import type { ModelMeta } from './model-config';
import { transformersProgressAdapter } from './progress';
import { scoreInBatches, type EncodedRow } from './score-batches';
import { effectiveMaxLength, tokenizeResponse, type ResponseTokens } from './tokenizer-helpers';
import { checkTokenizerRegexes } from './tokenizer-safety';

/** A loaded local model's parts, before a family wraps them. */
export interface LocalParts {
  info: ModelInfo;
  tokenizer: PreTrainedTokenizer;
  session: OrtSessionLike;
  /** The config's metadata with the effective max length. */
  meta: ModelMeta;
  /** The weights are quantized with activation quantization that may depend on the batch (score-batches.ts). */
  quantized: boolean;
}

/**
 * Opens a local model on one device. `prepareTokenizer` runs after the tokenizer loads and before any weight is
 * fetched (a decoder checks its chat template there, so a model without one fails before a large download).
 */
export async function openLocalModel(
  runtime: EngineRuntime,
  spec: LocalModelSpec,
  meta: ModelMeta,
  family: ModelFamily,
  device: ExecutionDevice,
  options: LoadOptions,
  prepareTokenizer?: (tokenizer: PreTrainedTokenizer) => Promise<void>,
): Promise<LocalParts> {
  const where = runtime.describe(spec.source);
  const { modelId, revision } = runtime.prepareTransformers(spec.source);
  const tokenizer = await AutoTokenizer.from_pretrained(modelId, {
    revision,
    progress_callback: transformersProgressAdapter(options.onProgress),
  });
  // Before any text meets the tokenizer: a pattern that backtracks catastrophically would hang the engine.
  checkTokenizerRegexes(tokenizer, `${where}/tokenizer.json`);
  await prepareTokenizer?.(tokenizer);
  const file = onnxFileFor(spec.dtype);
  const onnx = await runtime.fetchFile(spec.source, file, {
    onProgress: options.onProgress,
    signal: options.signal,
  });
  if (!looksLikeOnnx(onnx.bytes)) throw fileNotFoundError(where, spec.dtype, null);
  const externalData = await fetchExternalData(runtime, spec.source, file, meta.externalData, {
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const sessionPlan = sessionPlanFor(runtime, spec.dtype, device, meta, onnx.bytes);
  const session = await runtime.ort.createSession(onnx.bytes, device, sessionPlan, externalData, (message) =>
    options.onProgress?.({ kind: 'status', message }),
  );
  try {
    checkGraphInputs(session);
  } catch (e) {
    await session.release().catch(() => undefined);
    throw e;
  }
  const maxLength = effectiveMaxLength(tokenizer, spec.maxLength, meta.maxLength);
  const info: ModelInfo = {
    id: where,
    family,
    labels: meta.labels,
    defaultWeights: meta.defaultWeights,
    alpha: meta.alpha,
    ...(meta.activation ? { activation: meta.activation } : {}),
    maxLength,
    backend: device,
    dtype: spec.dtype,
    weightsUnpacked: sessionPlan.foldWeights,
    ...(runtime.ort.threads?.() ? { threads: runtime.ort.threads()! } : {}),
    cached: onnx.cached,
    ...(onnx.cacheError ? { cacheError: onnx.cacheError } : {}),
    capabilities: LOCAL_CAPABILITIES,
  };
  return { info, tokenizer, session, meta: { ...meta, maxLength }, quantized: sessionPlan.quantized };
}

/** The padded batch a family turns into graph inputs. */
export interface PaddedBatch<E> {
  rows: E[];
  ids: BigInt64Array;
  mask: BigInt64Array;
  width: number;
  dims: number[];
}

/** A local model: owns its tokenizer and session; families supply inputs and rendering. */
export abstract class LocalModel<E extends EncodedRow> implements RewardBackend {
  protected constructor(
    readonly info: ModelInfo,
    protected readonly tokenizer: PreTrainedTokenizer,
    protected readonly session: OrtSessionLike,
    protected readonly runtime: EngineRuntime,
    protected readonly meta: ModelMeta,
    private readonly batchPlan: Partial<BatchPlanOptions>,
  ) {}

  /** The model input for one (conversation, response); throws RewardError('input') when too long and !truncate. */
  protected abstract encode(input: ScoreInput, truncate: boolean): E;
  /** The pad id the batch is right-padded with. */
  protected abstract get padId(): number;
  /** The graph inputs of one right-padded batch (only those the graph declares). */
  protected abstract feeds(batch: PaddedBatch<E>): Record<string, OrtTensorLike>;
  abstract render(input: ScoreInput): Promise<RenderedInput>;

  protected int64(data: BigInt64Array, dims: number[]): OrtTensorLike {
    return this.runtime.ort.int64(data, dims);
  }

  async score(inputs: ScoreInput[], options: ScoreOptions = {}): Promise<ScoreResult[]> {
    // Tokenize everything first (yielding now and then so a long batch does not freeze the thread).
    const encoded: E[] = [];
    const breathe = eventLoopYielder();
    options.onStage?.('tokenizing');
    for (const input of inputs) {
      encoded.push(this.encode(input, options.truncate ?? true));
      await breathe();
    }
    options.onStage?.('running');
    return scoreInBatches(
      encoded,
      this.info,
      options,
      async (rows) => {
        const { ids, mask, width } = padRight(
          rows.map((r) => r.ids),
          this.padId,
        );
        const out = await this.session.run(
          this.feeds({ rows, ids, mask, width, dims: [rows.length, width] }),
        );
        return readLogits(this.session, out);
      },
      this.batchPlan,
    );
  }

  async tokenizeResponse(response: string): Promise<ResponseTokens> {
    return tokenizeResponse(this.tokenizer, response);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
