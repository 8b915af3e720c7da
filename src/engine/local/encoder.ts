/**
 * Encoder cross-encoders (BERT/RoBERTa/DeBERTa): the (prompt, response) pair, raw logits × alpha, in a raw
 * ONNX Runtime session like the decoder's. transformers.js is used for the tokenizer only: its session
 * creation chains every session in a web worker on one promise, so a single failed load (a broken or
 * missing file) made every later encoder load fail with the same error until the page was reloaded.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { RewardError } from '../../core/errors';
import { flattenPromptSide, planPairTruncation } from '../../core/flatten';
import type { LocalModelSpec, ScoreInput } from '../../core/types';
import { padRight } from '../batching';
import type { ExecutionDevice, EngineRuntime, OrtTensorLike } from '../runtime';
import type { LoadOptions, RenderedInput } from '../contract';
import type { ModelMeta } from './model-config';
import { encodeEdge } from './char-cut';
import { positionIds } from './graph-io';
import { inputTooLongError } from './errors';
import { LocalModel, openLocalModel, type PaddedBatch } from './local-model';
import { encodePlainText, neutralizedNote, specialTokenStrings } from './special-text';
import { batchPlanFor } from './score-batches';
import { tokenStrings } from './tokenizer-helpers';

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

export class EncoderBackend extends LocalModel<EncodedPair> {
  private readonly specials: string[] = specialTokenStrings(this.tokenizer);
  private layout!: PairLayout;

  static async load(
    runtime: EngineRuntime,
    spec: LocalModelSpec,
    meta: ModelMeta,
    device: ExecutionDevice,
    options: LoadOptions,
  ): Promise<EncoderBackend> {
    const parts = await openLocalModel(runtime, spec, meta, 'encoder', device, options);
    const model = new EncoderBackend(
      parts.info,
      parts.tokenizer,
      parts.session,
      runtime,
      parts.meta,
      batchPlanFor(parts.quantized, spec.source.type === 'embedded' || meta.weightOnlyQuantization),
    );
    model.layout = readPairLayout(parts.tokenizer, meta.typeVocabSize);
    return model;
  }

  protected get padId(): number {
    return this.tokenizer.pad_token_id ?? 0;
  }

  protected encode(input: ScoreInput, truncate: boolean): EncodedPair {
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

  protected feeds({ rows, ids, mask, width, dims }: PaddedBatch<EncodedPair>): Record<string, OrtTensorLike> {
    const types = padRight(
      rows.map((r) => r.typeIds),
      0,
    ).ids;
    const wants = this.session.inputNames;
    return {
      input_ids: this.int64(ids, dims),
      attention_mask: this.int64(mask, dims),
      // Only the inputs the graph declares: RoBERTa-style and DistilBERT graphs have no token types.
      ...(wants.includes('token_type_ids') ? { token_type_ids: this.int64(types, dims) } : {}),
      ...(wants.includes('position_ids')
        ? { position_ids: this.int64(positionIds(rows.length, width), dims) }
        : {}),
    };
  }
}
