/**
 * What the batch bias report measures in a response (issue 26, item 4): surface features that carry no
 * information of their own — length, Markdown structure, stock phrases, restating the question. Each
 * detector is a plain function of the text, so the report and its tests agree on what "has a bullet list" means.
 */

/** Characters as a reader counts them (code points, so an emoji is one, not two UTF-16 units). */
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const BULLET_LINE = /^[ \t]{0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+\S/;

/** A Markdown list: at least two list-item lines (one "1." line is more often a sentence than a list). */
export function hasBulletList(text: string): boolean {
  let items = 0;
  for (const line of text.split('\n')) if (BULLET_LINE.test(line) && ++items >= 2) return true;
  return false;
}

/** A Markdown header: an ATX line ("# Title" … "###### Title") or a setext title underlined with "===". */
export function hasHeader(text: string): boolean {
  if (/^[ \t]{0,3}#{1,6}[ \t]+\S/m.test(text)) return true;
  // The cheap test for an underline first; the line above it is checked only when there is one.
  return /^[ \t]{0,3}={3,}[ \t]*$/m.test(text) && /^[ \t]{0,3}\S.*\n[ \t]{0,3}={3,}[ \t]*$/m.test(text);
}

/** A fenced code block (``` or ~~~ at the start of a line); inline `code` is not a block. */
export function hasCodeBlock(text: string): boolean {
  return /^[ \t]{0,3}(?:`{3,}|~{3,})/m.test(text);
}

/** Bold text: **…** or __…__ around something that does not start or end with a space. */
export function hasBold(text: string): boolean {
  return /\*\*(?=\S)(?:[^*\n]|\*(?!\*))*?\S\*\*|__(?=\S)[^_\n]*?\S__/.test(text);
}

/** Curly apostrophes as straight ones, so "I can’t" and "I can't" match the same phrase. */
const normalize = (text: string) => text.replace(/[’‘]/g, "'");

const REFUSAL =
  /\b(?:I\s+(?:can't|cannot|can\s+not|won't|will\s+not|must\s+decline|am\s+(?:not\s+able|unable)|'m\s+(?:not\s+able|unable))\s+(?:help|assist|provide|do|comply|answer|share|create|write|give|support|fulfil|fulfill|engage|discuss|continue)|as\s+an\s+AI\b|I'm\s+(?:not\s+able|unable)\s+to|I\s+am\s+(?:not\s+able|unable)\s+to)/i;

/** A refusal phrase ("I can't help with that", "I'm unable to", "As an AI …"). */
export function hasRefusal(text: string): boolean {
  return REFUSAL.test(normalize(text));
}

/** An apology ("sorry", "I apologize", "apologies"). */
export function hasApology(text: string): boolean {
  return /\b(?:sorry|apolog(?:y|ies|ise|ize|ised|ized|ising|izing))\b/i.test(text);
}

const HEDGE =
  /\b(?:I\s+think|I\s+believe|I\s+guess|I\s+suppose|I\s+feel\s+like|I'm\s+not\s+(?:sure|certain|entirely\s+sure)|I\s+am\s+not\s+(?:sure|certain)|I\s+(?:might|may|could)\s+be\s+wrong|if\s+I\s+recall|if\s+I\s+remember|in\s+my\s+opinion|I'd\s+say)\b/i;

/** A first-person hedge ("I think", "I'm not sure", "I believe", "I might be wrong", "in my opinion"). */
export function hasHedge(text: string): boolean {
  return HEDGE.test(normalize(text));
}

/** Words too common to count as restating the question. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these ' +
    'those there here what which who whom whose when where why how do does did can could would should will shall may ' +
    'might must i me my you your we our they them their he she his her not no yes so than then too very just about ' +
    'into over under also any some all more most such only own same other'
  ).split(' '),
);

/** The content words of a text: lower-cased letters/digits runs, stopwords and one-letter words left out. */
export function contentWords(text: string): string[] {
  return (
    normalize(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

// One segmenter for every call: creating one costs far more than segmenting a sentence.
let sentences: Intl.Segmenter | null = null;

/** The first non-blank sentence of a text, as the platform's sentence segmenter (ICU) splits it. */
export function firstSentence(text: string): string {
  sentences ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  // ICU segments the whole string it is given: a first sentence is found in the first few thousand characters.
  for (const s of sentences.segment(text.slice(0, 4000))) if (s.segment.trim()) return s.segment.trim();
  return '';
}

/**
 * How much the response's first sentence restates the prompt: the share of that sentence's distinct content
 * words that also occur in the prompt (0 … 1; 0 when the sentence has no content words).
 */
export function restateOverlap(prompt: string, response: string): number {
  const first = firstSentence(response);
  const words = new Set(contentWords(first));
  if (words.size === 0) return 0;
  const asked = new Set(contentWords(prompt));
  let shared = 0;
  for (const w of words) if (asked.has(w)) shared++;
  return shared / words.size;
}

export type ContinuousFeature = 'length' | 'restate';
export type BinaryFeature = 'bullets' | 'headers' | 'code' | 'bold' | 'refusal' | 'apology' | 'hedge';
export type BiasFeature = ContinuousFeature | BinaryFeature;

export const CONTINUOUS_FEATURES: readonly { id: ContinuousFeature; label: string }[] = [
  { id: 'length', label: 'Length (characters)' },
  { id: 'restate', label: 'Restates the question (first-sentence overlap)' },
];

export const BINARY_FEATURES: readonly { id: BinaryFeature; label: string; has(text: string): boolean }[] = [
  { id: 'bullets', label: 'Bullet list', has: hasBulletList },
  { id: 'headers', label: 'Markdown header', has: hasHeader },
  { id: 'code', label: 'Code block', has: hasCodeBlock },
  { id: 'bold', label: 'Bold', has: hasBold },
  { id: 'refusal', label: 'Refusal phrase', has: hasRefusal },
  { id: 'apology', label: 'Apology', has: hasApology },
  { id: 'hedge', label: 'First-person hedge', has: hasHedge },
];
