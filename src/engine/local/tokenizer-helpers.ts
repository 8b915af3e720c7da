/** Tokenizer-side pieces the encoder and decoder backends share. */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { Dtype } from '../../core/types';
import { encodePlainText } from './special-text';

/** What the prefix reward curve needs: the response's ids and a way back to text. */
export interface ResponseTokens {
  ids: number[];
  decode: (ids: number[]) => string;
}

export function tokenizeResponse(tokenizer: PreTrainedTokenizer, response: string): ResponseTokens {
  return {
    // As when scoring: special-token text in the response stays plain text (special-text.ts).
    ids: encodePlainText(tokenizer, response).ids,
    decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }),
  };
}

/** The user's limit, else the config's, never above the tokenizer's own model_max_length. */
export function effectiveMaxLength(
  tokenizer: PreTrainedTokenizer,
  specMax: number | undefined,
  configMax: number,
): number {
  const tokMax = Number(tokenizer.model_max_length);
  return Math.min(specMax ?? configMax, Number.isFinite(tokMax) && tokMax > 0 ? tokMax : Infinity);
}

/** Each id as the text it stands for, special tokens included: the input view's token strip. */
export function tokenStrings(tokenizer: PreTrainedTokenizer, ids: number[]): string[] {
  return ids.map((id) => tokenizer.decode([id], { skip_special_tokens: false }));
}

/** Weight-quantized files run with the graph kept as shipped (see the runtimes' session options). */
export function isQuantized(dtype: Dtype): boolean {
  return dtype !== 'fp32' && dtype !== 'fp16';
}
