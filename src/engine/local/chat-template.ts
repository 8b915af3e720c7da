/**
 * A decoder's chat template: `tokenizer_config.json`'s `chat_template`, or, as current checkpoints ship it
 * (transformers ≥ 4.50 writes it there), the separate `chat_template.jinja`, which transformers.js's tokenizer does
 * not read by itself.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { ModelSource } from '../../core/types';
import type { EngineRuntime } from '../runtime';

export const CHAT_TEMPLATE_FILE = 'chat_template.jinja';

/** Sets the tokenizer's template from chat_template.jinja when it has none; says whether it has one now. */
export async function ensureChatTemplate(
  runtime: EngineRuntime,
  source: ModelSource,
  tokenizer: PreTrainedTokenizer,
  signal?: AbortSignal,
): Promise<boolean> {
  if (tokenizer.chat_template) return true;
  const head = await runtime.peekFile(source, CHAT_TEMPLATE_FILE, { signal });
  if (!head || head.length === 0) return false;
  const file = await runtime.fetchFile(source, CHAT_TEMPLATE_FILE, { signal });
  const text = new TextDecoder().decode(file.bytes);
  if (!text.trim()) return false;
  tokenizer.chat_template = text;
  return true;
}
