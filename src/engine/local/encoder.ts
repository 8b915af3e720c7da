/**
 * Encoder cross-encoders (BERT/RoBERTa/DeBERTa): the (prompt, response) pair, raw logits × alpha, in a raw
 * ONNX Runtime session like the decoder's. transformers.js is used for the tokenizer only: its session
 * creation chains every session in a web worker on one promise, so a single failed load (a broken or
 * missing file) made every later encoder load fail with the same error until the page was reloaded.
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { RewardError } from '../../core/errors';
import { flattenPromptSide, planPairTruncation } from '../../core/flatten';
import type { LocalModelSpec, ScoreInput, ScoreResult } from '../../core/types';
import { padRight, type BatchPlanOptions } from '../batching';
import type { ExecutionDevice, EngineRuntime, OrtSessionLike } from '../runtime';
import {
  LOCAL_CAPABILITIES,
  type LoadOptions,
  type ModelInfo,
  type RenderedInput,
  type RewardBackend,
  type ScoreOptions,
} from '../types';
import { fileNotFoundError, looksLikeOnnx, onnxFileFor } from './dtypes';
import type { ModelMeta } from './model-config';
import { encodeEdge, eventLoopYielder } from './char-cut';
import { fetchExternalData } from './external-data';
import { checkGraphInputs, positionIds, readLogits } from './graph-io';
import { inputTooLongError } from './errors';
import { sessionPlanFor } from './fold-weights';
import { encodePlainText, neutralizedNote, specialTokenStrings } from './special-text';
import { transformersProgressAdapter } from './progress';
import { batchPlanFor, scoreInBatches } from './score-batches';
import { effectiveMaxLength, tokenizeResponse, tokenStrings, type ResponseTokens } from './tokenizer-helpers';

/** Where the tokenizer puts its special tokens around a pair, read off the tokenizer itself. */
interface PairLayout {
  prefix: number[];
  middle: number[];
  suffix: number[];
  /** token_type_id of the second sequence (and the tokens after it). */
  secondType: number;
}

function indexOfRun(haystack: number[], needle: number[], from: number): number {
  for (let i = from; i + needle.length <= haystack.length; i++) {
    if (needle.every((v, k) => haystack[i + k] === v)) return i;
  }
  return -1;
}

function readPairLayout(tokenizer: PreTrainedTokenizer, typeVocabSize: number | null): PairLayout {
  const a = tokenizer.encode('a', { add_special_tokens: false });
  const b = tokenizer.encode('b', { add_special_tokens: false });
  const both = tokenizer._call('a', { text_pair: 'b', return_tensor: false }) as unknown as {
    input_ids: number[];
    token_type_ids?: number[];
  };
  const ids = both.input_ids;
  const i = indexOfRun(ids, a, 0);
  const j = indexOfRun(ids, b, i + a.length);
  if (i < 0 || j < 0)
    throw new RewardError(
      'model',
      'This tokenizer does not encode text pairs; it cannot serve a cross-encoder.',
    );
  return {
    prefix: ids.slice(0, i),
    middle: ids.slice(i + a.length, j),
    suffix: ids.slice(j + b.length),
    // A model with one token type (or none) gets type 0 throughout, whatever its tokenizer says.
    secondType: typeVocabSize !== null && typeVocabSize < 2 ? 0 : (both.token_type_ids?.[j] ?? 0),
  };
}

interface EncodedPair {
  ids: number[];
  typeIds: number[];
  truncated: boolean;
  prompt: string;
  /** Special-token strings in the text that were tokenized as plain text. */
  neutralized: string[];
}

export class EncoderBackend implements RewardBackend {
  private readonly specials: string[];

  private constructor(
    readonly info: ModelInfo,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly session: OrtSessionLike,
    private readonly meta: ModelMeta,
    private readonly layout: PairLayout,
    private readonly batchPlan: Partial<BatchPlanOptions>,
    private readonly runtime: EngineRuntime,
  ) {
    this.specials = specialTokenStrings(tokenizer);
  }

  static async load(
    runtime: EngineRuntime,
    spec: LocalModelSpec,
    meta: ModelMeta,
    device: ExecutionDevice,
    options: LoadOptions,
  ): Promise<EncoderBackend> {
    const { modelId, revision } = runtime.prepareTransformers(spec.source);
    const progress_callback = transformersProgressAdapter(options.onProgress);
    const tokenizer = await AutoTokenizer.from_pretrained(modelId, { revision, progress_callback });
    const file = onnxFileFor(spec.dtype);
    const onnx = await runtime.fetchFile(spec.source, file, {
      onProgress: options.onProgress,
      signal: options.signal,
    });
    if (!looksLikeOnnx(onnx.bytes)) throw fileNotFoundError(runtime.describe(spec.source), spec.dtype, null);
    const externalData = await fetchExternalData(runtime, spec.source, file, meta.externalData, {
      onProgress: options.onProgress,
      signal: options.signal,
    });
    const sessionPlan = sessionPlanFor(runtime, spec.dtype, device, meta, onnx.bytes);
    const session = await runtime.ort.createSession(onnx.bytes, device, sessionPlan, externalData);
    try {
      checkGraphInputs(session);
    } catch (e) {
      await session.release().catch(() => undefined);
      throw e;
    }
    const maxLength = effectiveMaxLength(tokenizer, spec.maxLength, meta.maxLength);
    const info: ModelInfo = {
      id: runtime.describe(spec.source),
      family: 'encoder',
      labels: meta.labels,
      defaultWeights: meta.defaultWeights,
      alpha: meta.alpha,
      ...(meta.activation ? { activation: meta.activation } : {}),
      maxLength,
      backend: device,
      dtype: spec.dtype,
      weightsUnpacked: sessionPlan.foldWeights,
      cached: onnx.cached,
      ...(onnx.cacheError ? { cacheError: onnx.cacheError } : {}),
      capabilities: LOCAL_CAPABILITIES,
    };
    return new EncoderBackend(
      info,
      tokenizer,
      session,
      { ...meta, maxLength },
      readPairLayout(tokenizer, meta.typeVocabSize),
      batchPlanFor(sessionPlan.quantized, spec.source.type === 'embedded' || meta.weightOnlyQuantization),
      runtime,
    );
  }

  private encode(input: ScoreInput, truncate: boolean): EncodedPair {
    const prompt = flattenPromptSide(input.conversation);
    // User text never becomes [SEP], [CLS], [PAD]…: such strings are tokenized as plain text (special-text.ts).
    // An over-long side is tokenized only as far as the model can use it (char-cut.ts); the cut side keeps
    // more than the budget, so planPairTruncation decides exactly as it would on the whole text.
    const plain = (text: string) => encodePlainText(this.tokenizer, text, this.specials);
    const side = (text: string, keep: 'head' | 'tail') => {
      const edge = encodeEdge(text, this.info.maxLength, keep, (t) => plain(t).ids);
      return edge
        ? { ids: edge.ids, neutralized: this.specials.filter((s) => text.includes(s)) }
        : plain(text);
    };
    const pe = side(prompt, 'tail');
    const re = side(input.response, 'head');
    const p = pe.ids;
    const r = re.ids;
    const { prefix, middle, suffix, secondType } = this.layout;
    const specials = prefix.length + middle.length + suffix.length; // e.g. [CLS] p [SEP] r [SEP]
    const plan = planPairTruncation(p.length, r.length, this.info.maxLength - specials);
    if (plan.truncated && !truncate) {
      throw inputTooLongError(p.length + r.length + specials, this.info.maxLength, Boolean(pe || re));
    }
    const first = [...prefix, ...p.slice(p.length - plan.keepPrompt), ...middle];
    const second = [...r.slice(0, plan.keepResponse), ...suffix];
    const ids = [...first, ...second];
    const typeIds = [
      ...Array<number>(first.length).fill(0),
      ...Array<number>(second.length).fill(secondType),
    ];
    return {
      ids,
      typeIds,
      truncated: plan.truncated,
      prompt,
      neutralized: [...pe.neutralized, ...re.neutralized],
    };
  }

  async render(input: ScoreInput): Promise<RenderedInput> {
    const e = this.encode(input, true);
    const note = neutralizedNote(e.neutralized);
    return {
      text: this.tokenizer.decode(e.ids, { skip_special_tokens: false }),
      tokens: tokenStrings(this.tokenizer, e.ids),
      ids: e.ids,
      truncated: e.truncated,
      ...(note ? { notes: [note] } : {}),
    };
  }

  async score(inputs: ScoreInput[], options: ScoreOptions = {}): Promise<ScoreResult[]> {
    const encoded: EncodedPair[] = [];
    const breathe = eventLoopYielder();
    for (const input of inputs) {
      encoded.push(this.encode(input, options.truncate ?? true));
      await breathe();
    }
    const pad = this.tokenizer.pad_token_id ?? 0;
    return scoreInBatches(
      encoded,
      this.info,
      options,
      async (rows) => {
        const { ids, mask, width } = padRight(
          rows.map((r) => r.ids),
          pad,
        );
        const types = padRight(
          rows.map((r) => r.typeIds),
          0,
        ).ids;
        const dims = [rows.length, width];
        const int64 = this.runtime.ort.int64;
        const wants = this.session.inputNames;
        const out = await this.session.run({
          input_ids: int64(ids, dims),
          attention_mask: int64(mask, dims),
          // Only the inputs the graph declares: RoBERTa-style and DistilBERT graphs have no token types.
          ...(wants.includes('token_type_ids') ? { token_type_ids: int64(types, dims) } : {}),
          ...(wants.includes('position_ids')
            ? { position_ids: int64(positionIds(rows.length, width), dims) }
            : {}),
        });
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
