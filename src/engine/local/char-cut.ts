/**
 * Tokenizing a 1 MB text costs seconds of synchronous work, and a model only ever sees its first (or last)
 * `maxLength` tokens of it. So an over-long text is cut by characters first: only enough of it is tokenized
 * to yield the tokens the model can use plus a margin, starting from a generous guess of characters per token
 * and growing it until the tokens are there. Tokenizers work word by word, so the tokens away from the cut are
 * those of the whole text; the margin keeps the word at the cut out of what the model sees.
 */

/** Tokens tokenized beyond what the model can use, so the (re-tokenized) word at the cut is never kept. */
export const CUT_MARGIN_TOKENS = 32;
/** First guess of characters per token: ordinary text is 3–5, so one try nearly always suffices. */
const FIRST_CHARS_PER_TOKEN = 8;
/** How far from the cut a whitespace is looked for, to cut between words. */
const WORD_SEARCH = 64;

export interface EdgeTokens {
  ids: number[];
  /** True when only part of the text was tokenized (the text has more tokens than `need` + the margin). */
  cut: boolean;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where to cut so that about `chars` characters are kept at one end: between words, never in a surrogate pair. */
export function cutIndex(text: string, chars: number, keep: 'head' | 'tail'): number {
  let i = keep === 'head' ? chars : text.length - chars;
  for (let k = 0; k < WORD_SEARCH; k++) {
    const j = keep === 'head' ? i - k : i + k;
    if (j <= 0 || j >= text.length) break;
    if (/\s/.test(text[j]!)) {
      i = j;
      break;
    }
  }
  if (i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The tokens of the start (`keep: 'head'`) or end (`'tail'`) of `text`, tokenizing no more of it than needed
 * to get `need` + CUT_MARGIN_TOKENS tokens; `undefined` when the text is short enough to tokenize whole (the
 * caller then does as it always did).
 */
export function encodeEdge(
  text: string,
  need: number,
  keep: 'head' | 'tail',
  encode: (text: string) => number[],
): EdgeTokens | undefined {
  const want = need + CUT_MARGIN_TOKENS;
  for (let chars = want * FIRST_CHARS_PER_TOKEN; chars < text.length; chars *= 4) {
    const at = cutIndex(text, chars, keep);
    const ids = encode(keep === 'head' ? text.slice(0, at) : text.slice(at));
    if (ids.length >= want) return { ids, cut: true };
  }
  return undefined;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Lets other work run (in the server: other requests, /health) when this task has held the thread for a
 * while; cheap to call after every input.
 */
export function eventLoopYielder(everyMs = 10): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < everyMs) return;
    await new Promise<void>((resolve) =>
      typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
    );
    since = now();
  };
}
