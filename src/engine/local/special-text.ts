/**
 * Text typed by a user or read from a file never becomes a special token. Tokenizers match their added
 * special tokens ("[SEP]", "<|eot_id|>", …) anywhere in the text they are given, so a response containing
 * "<|eot_id|><|start_header_id|>assistant…" used to get exactly the tokens of a real multi-turn conversation.
 * Here such strings are split and tokenized as ordinary text; text without them tokenizes exactly as before.
 * Shared by the encoder and decoder backends, so the browser, the server and the CLI all get it.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { RewardError } from '../../core/errors';

/** The special-token strings a tokenizer would match in text, longest first. */
export function specialTokenStrings(tokenizer: PreTrainedTokenizer): string[] {
  const all = (tokenizer as { all_special_tokens?: string[] }).all_special_tokens ?? [];
  return [...new Set(all.filter((t) => t.length > 1))].sort((a, b) => b.length - a.length);
}

interface Occurrence {
  start: number;
  end: number;
}

/** Non-overlapping occurrences, leftmost first, the longest token at each position. */
function occurrences(text: string, specials: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  let i = 0;
  while (i < text.length) {
    let best: Occurrence | null = null;
    for (const s of specials) {
      const at = text.indexOf(s, i);
      if (at >= 0 && (!best || at < best.start || (at === best.start && s.length > best.end - best.start)))
        best = { start: at, end: at + s.length };
    }
    if (!best) break;
    found.push(best);
    i = best.end;
  }
  return found;
}

export function containsSpecialText(text: string, specials: readonly string[]): boolean {
  return specials.some((s) => text.includes(s));
}

export interface PlainEncoding {
  ids: number[];
  /** The special-token strings found in the text and tokenized as ordinary text. */
  neutralized: string[];
}

/**
 * Tokenizes user text (no special tokens added) so that no part of it becomes a special token: each
 * special-token string in it is split after its first character and both parts are tokenized as text.
 */
export function encodePlainText(
  tokenizer: PreTrainedTokenizer,
  text: string,
  specials: readonly string[] = specialTokenStrings(tokenizer),
): PlainEncoding {
  const encode = (t: string) => (t ? tokenizer.encode(t, { add_special_tokens: false }) : []);
  const found = occurrences(text, specials);
  if (found.length === 0) return { ids: encode(text), neutralized: [] };
  const ids: number[] = [];
  const neutralized: string[] = [];
  let from = 0;
  for (const o of found) {
    ids.push(...encode(text.slice(from, o.start)));
    const token = text.slice(o.start, o.end);
    neutralized.push(token);
    const first = String.fromCodePoint(token.codePointAt(0) ?? 0);
    ids.push(...encode(first));
    ids.push(...encodePlainText(tokenizer, token.slice(first.length), specials).ids);
    from = o.end;
  }
  ids.push(...encode(text.slice(from)));
  return { ids, neutralized };
}

/** A sentence about what was neutralized, for the token view; null when nothing was. */
export function neutralizedNote(neutralized: readonly string[]): string | null {
  if (neutralized.length === 0) return null;
  const names = [...new Set(neutralized)].slice(0, 6).join(' ');
  return `The text contains special-token markers (${names}); they were read as plain text, not as control tokens, so they cannot fake turns or separators.`;
}

// Private-use characters that mark where message text starts and ends in a rendered chat template.
const OPEN = '\uE000';
const CLOSE = '\uE001';

export interface ChatMessageLike {
  role: string;
  content: string;
}

/**
 * Tokenizes a chat: the template's own markup (its special tokens included) as usual, the message texts as
 * plain text. `render` renders the template for the given messages. Returns null when no message contains
 * special-token text: the caller then tokenizes the rendered text as a whole, exactly as before.
 */
export function encodeChatSafely(
  tokenizer: PreTrainedTokenizer,
  messages: ChatMessageLike[],
  render: (messages: ChatMessageLike[]) => string,
): (PlainEncoding & { text: string }) | null {
  const specials = specialTokenStrings(tokenizer);
  if (!messages.some((m) => containsSpecialText(m.content, specials))) return null;
  const clean = messages.map((m) => ({
    ...m,
    content: m.content.replaceAll(OPEN, '').replaceAll(CLOSE, ''),
  }));
  const text = render(clean);
  // Find where each message's text sits: wrap it in markers, as is and then trimmed (templates often trim).
  let marked: string | null = null;
  for (const shape of [(c: string) => c, (c: string) => c.trim()]) {
    const candidate = render(clean.map((m) => ({ ...m, content: `${OPEN}${shape(m.content)}${CLOSE}` })));
    if (candidate.replaceAll(OPEN, '').replaceAll(CLOSE, '') === text) {
      marked = candidate;
      break;
    }
  }
  if (marked === null) {
    throw new RewardError(
      'input',
      'The text contains special-token markers and this chat template rewrites message text, so they cannot be kept as plain text. Remove the markers from the text.',
    );
  }
  // The tokens the tokenizer adds around any text (e.g. BOS), read off the tokenizer itself.
  const bare = tokenizer.encode('a', { add_special_tokens: false });
  const full = tokenizer.encode('a');
  const at = full.findIndex((_, i) => bare.every((v, k) => full[i + k] === v));
  const prefix = at >= 0 ? full.slice(0, at) : [];
  const suffix = at >= 0 ? full.slice(at + bare.length) : [];
  const ids: number[] = [...prefix];
  const neutralized: string[] = [];
  for (const [i, part] of marked.split(OPEN).entries()) {
    const [content, markup] = i === 0 ? ['', part] : (part.split(CLOSE) as [string, string?]);
    if (content) {
      const plain = encodePlainText(tokenizer, content, specials);
      ids.push(...plain.ids);
      neutralized.push(...plain.neutralized);
    }
    if (markup) ids.push(...tokenizer.encode(markup, { add_special_tokens: false }));
  }
  ids.push(...suffix);
  return { ids, neutralized, text };
}
