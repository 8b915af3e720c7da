/**
 * Decoder reward heads (Llama/Qwen `*ForSequenceClassification` ONNX exports) in a raw ONNX Runtime
 * session: chat template → ids (doubled BOS dropped) → right padding → logits at the last non-pad token.
 * transformers.js is used for the tokenizer and chat template only; it has no class for these models.
 */
import { RewardError } from '../../core/errors';
import { truncateDecoderIds } from '../../core/flatten';
import { toChatMessages } from '../../core/chat';
import type { LocalModelSpec, ScoreInput } from '../../core/types';
import type { EngineRuntime, ExecutionDevice, OrtTensorLike } from '../runtime';
import type { LoadOptions, RenderedInput } from '../contract';
import type { ModelMeta } from './model-config';
import { encodeEdge } from './char-cut';
import { CHAT_TEMPLATE_FILE, ensureChatTemplate } from './chat-template';
import { positionIds } from './graph-io';
import { inputTooLongError } from './errors';
import { LocalModel, openLocalModel, type PaddedBatch } from './local-model';
import { encodeChatSafely, neutralizedNote } from './special-text';
import { batchPlanFor } from './score-batches';
import { tokenStrings } from './tokenizer-helpers';

interface EncodedChat {
  ids: number[];
  text: string;
  truncated: boolean;
  /** The template and the tokenizer both added a BOS and one was dropped. */
  doubledBos: boolean;
  /** Special-token strings in the messages that were tokenized as plain text. */
  neutralized: string[];
}

export class DecoderBackend extends LocalModel<EncodedChat> {
  static async load(
    runtime: EngineRuntime,
    spec: LocalModelSpec,
    meta: ModelMeta,
    device: ExecutionDevice,
    options: LoadOptions,
  ): Promise<DecoderBackend> {
    const parts = await openLocalModel(runtime, spec, meta, 'decoder', device, options, async (tokenizer) => {
      if (!(await ensureChatTemplate(runtime, spec.source, tokenizer, options.signal))) {
        throw new RewardError(
          'model',
          `${runtime.describe(spec.source)} has no chat template (neither chat_template in tokenizer_config.json nor ${CHAT_TEMPLATE_FILE}); a decoder reward model needs one.`,
        );
      }
    });
    // The export finds each row's last token through pad_token_id: without one, rows run alone.
    const plan = batchPlanFor(
      parts.quantized,
      spec.source.type === 'embedded' || meta.weightOnlyQuantization,
      meta.padTokenId !== null,
    );
    return new DecoderBackend(parts.info, parts.tokenizer, parts.session, runtime, parts.meta, plan);
  }

  protected get padId(): number {
    return this.meta.padTokenId ?? this.tokenizer.pad_token_id ?? 0;
  }

  private get bosId(): number | null {
    return this.meta.bosTokenId ?? this.tokenizer.bos_token_id ?? null;
  }

  private closing?: number[];
  /** Special tokens the tokenizer appends after a text (an EOS, for some), read off the tokenizer. */
  private closingSpecials(): number[] {
    if (!this.closing) {
      const plain = this.tokenizer.encode('a', { add_special_tokens: false });
      const full = this.tokenizer.encode('a');
      const at = full.findIndex((_, i) => plain.every((v, k) => full[i + k] === v));
      this.closing = at < 0 ? [] : full.slice(at + plain.length);
    }
    return this.closing;
  }

  protected encode(input: ScoreInput, truncate: boolean): EncodedChat {
    const render = (messages: { role: string; content: string }[]) =>
      this.tokenizer.apply_chat_template(messages, { tokenize: false }) as string;
    const messages = toChatMessages(input);
    // Message text never becomes <|eot_id|>, <|start_header_id|>…: only the template's own markup does.
    const safe = encodeChatSafely(this.tokenizer, messages, render);
    const text = safe?.text ?? render(messages);
    const bos = this.bosId;
    // An over-long conversation is tokenized only at its end, as far as the model can use it (char-cut.ts);
    // its first tokens (BOS) come from tokenizing the start alone, the tokenizer's closing specials are added.
    // (Text that needed special-token splitting is tokenized whole by encodeChatSafely.)
    const tail = safe
      ? undefined
      : encodeEdge(text, this.info.maxLength, 'tail', (t) =>
          this.tokenizer.encode(t, { add_special_tokens: false }),
        );
    let ids =
      safe?.ids ??
      (tail
        ? [...this.tokenizer.encode(text.slice(0, 256)).slice(0, 2), ...tail.ids]
        : this.tokenizer.encode(text));
    if (tail) ids.push(...this.closingSpecials());
    const doubledBos = bos !== null && ids[0] === bos && ids[1] === bos;
    if (doubledBos) ids = ids.slice(1);
    if (ids.length > this.info.maxLength && !truncate) {
      throw inputTooLongError(ids.length, this.info.maxLength, Boolean(tail));
    }
    const cut = truncateDecoderIds(ids, this.info.maxLength, bos);
    return { ids: cut.ids, text, truncated: cut.truncated, doubledBos, neutralized: safe?.neutralized ?? [] };
  }

  async render(input: ScoreInput): Promise<RenderedInput> {
    const e = this.encode(input, true);
    const notes = [
      ...(e.doubledBos
        ? [
            'The chat template starts with the BOS token and the tokenizer adds another: one was dropped, so the model sees a single BOS.',
          ]
        : []),
      ...[neutralizedNote(e.neutralized)].filter((n): n is string => n !== null),
    ];
    return {
      text: e.truncated ? this.tokenizer.decode(e.ids, { skip_special_tokens: false }) : e.text,
      tokens: tokenStrings(this.tokenizer, e.ids),
      ids: e.ids,
      truncated: e.truncated,
      ...(notes.length > 0 ? { notes } : {}),
    };
  }

  protected feeds({ rows, ids, mask, width, dims }: PaddedBatch<EncodedChat>): Record<string, OrtTensorLike> {
    const wants = this.session.inputNames;
    return {
      input_ids: this.int64(ids, dims),
      attention_mask: this.int64(mask, dims),
      // Only what the graph declares (Optimum-style exports take position_ids; a few take token types).
      ...(wants.includes('position_ids')
        ? { position_ids: this.int64(positionIds(rows.length, width), dims) }
        : {}),
      ...(wants.includes('token_type_ids')
        ? { token_type_ids: this.int64(new BigInt64Array(rows.length * width), dims) }
        : {}),
    };
  }
}
