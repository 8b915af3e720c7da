/**
 * The units an explanation leaves out one at a time: the sentences of a text, or its words when the text is
 * short. Segmentation is the platform's (`Intl.Segmenter`, ICU in Node and in Chromium), not a regex, so
 * abbreviations, decimals and non-Latin scripts split as the platform splits them.
 */

export type UnitKind = 'sentence' | 'word';

/** One unit of a text: `text.slice(start, end)` is what is shown; `[start, removeEnd)` is what leaving it out removes. */
export interface TextUnit {
  start: number;
  end: number;
  /** `end` plus the whitespace after the unit, so removing it leaves no double space. */
  removeEnd: number;
  text: string;
}

export interface Segmentation {
  kind: UnitKind;
  units: TextUnit[];
}

export interface SegmentOptions {
  /** BCP 47 locale for the segmenter (default 'en'). */
  locale?: string;
  /** Split into words when the text has at most this many sentences (default 3; 0: always sentences). */
  wordsUpToSentences?: number;
  /** …and at most this many words, so a long run-on sentence still goes by sentence (default 48). */
  maxWords?: number;
}

function trailingSpace(text: string, end: number): number {
  let i = end;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The text's sentences (each with its trailing whitespace to remove); whitespace-only segments are dropped. */
export function sentenceUnits(text: string, locale = 'en'): TextUnit[] {
  const units: TextUnit[] = [];
  for (const s of new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(text)) {
    const shown = s.segment.trimEnd();
    const lead = shown.length - shown.trimStart().length;
    if (shown.trim() === '') continue;
    const start = s.index + lead;
    const end = s.index + shown.length;
    units.push({ start, end, removeEnd: trailingSpace(text, end), text: text.slice(start, end) });
  }
  return units;
}

/** The text's words (`isWordLike` segments: punctuation and spaces are not units). */
export function wordUnits(text: string, locale = 'en'): TextUnit[] {
  const units: TextUnit[] = [];
  for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (!s.isWordLike) continue;
    const end = s.index + s.segment.length;
    units.push({ start: s.index, end, removeEnd: trailingSpace(text, end), text: s.segment });
  }
  return units;
}

/** Sentences, or words for a short text (at most `wordsUpToSentences` sentences and `maxWords` words). */
export function segment(text: string, options: SegmentOptions = {}): Segmentation {
  const locale = options.locale ?? 'en';
  const sentences = sentenceUnits(text, locale);
  if (sentences.length <= (options.wordsUpToSentences ?? 3)) {
    const words = wordUnits(text, locale);
    if (words.length > 0 && words.length <= (options.maxWords ?? 48)) return { kind: 'word', units: words };
  }
  return { kind: 'sentence', units: sentences };
}

/** The text with one unit left out. Leaving out the last unit also drops the whitespace before it. */
export function without(text: string, unit: TextUnit): string {
  const after = text.slice(unit.removeEnd);
  const before = text.slice(0, unit.start);
  return after === '' ? before.trimEnd() : before + after;
}

/** The text cut into pieces for painting: each unit, and the stretches between units (`unit: null`). */
export function pieces(text: string, units: readonly TextUnit[]): { text: string; unit: number | null }[] {
  const out: { text: string; unit: number | null }[] = [];
  let at = 0;
  units.forEach((u, i) => {
    if (u.start > at) out.push({ text: text.slice(at, u.start), unit: null });
    out.push({ text: text.slice(u.start, u.end), unit: i });
    at = u.end;
  });
  if (at < text.length) out.push({ text: text.slice(at), unit: null });
  return out;
}
