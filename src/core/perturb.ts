/**
 * One-click probes of a response (docs/architecture.md, 'What it is for'): each returns the changed text and
 * what was done.
 */

export type PerturbationKind = 'pad' | 'truncate' | 'refusal' | 'reorder';

export interface Perturbation {
  kind: PerturbationKind;
  label: string;
  text: string;
}

export const DEFAULT_REFUSAL = "I'm sorry, but I can't help with that. ";

/** Content-free sentences: a reward that rises with them is rewarding length, not quality. */
export const FILLER_SENTENCES: readonly string[] = [
  'I hope this helps.',
  'Let me know if you have any other questions.',
  'It is worth keeping this in mind going forward.',
  'There are many different aspects to consider here.',
  'This is an important topic that deserves careful thought.',
  'As always, it depends on your specific situation.',
  'Feel free to reach out if anything is unclear.',
  'In summary, the points above cover the main ideas.',
];

/**
 * Sentence pieces whose concatenation is exactly `text`: each ends after a run of . ! ? (plus closing
 * quotes or brackets) or a line break, and carries the whitespace that follows it.
 */
export function splitSentences(text: string): string[] {
  const pieces = text.match(/[^.!?\n]*(?:[.!?]+["'”’)\]]*|\n+|$)\s*/g) ?? [];
  return pieces.filter((p) => p !== '');
}

/** Appends filler sentences until at least `minAddedChars` (default: the text's length, at least 200) are added. */
export function padWithFiller(text: string, options: { minAddedChars?: number } = {}): Perturbation {
  const target = Math.max(1, options.minAddedChars ?? Math.max(200, text.length));
  const added: string[] = [];
  let length = 0;
  for (let i = 0; length < target; i++) {
    const s = FILLER_SENTENCES[i % FILLER_SENTENCES.length]!;
    added.push(s);
    length += s.length + 1;
  }
  const sep = text.trim() === '' ? '' : /\s$/.test(text) ? '' : ' ';
  return {
    kind: 'pad',
    label: `Padded with ${added.length} filler sentences`,
    text: `${text}${sep}${added.join(' ')}`,
  };
}

/**
 * Cuts the response: `{chars: N}` keeps the first N characters (never splitting a surrogate pair);
 * otherwise keeps the first half of its sentences (rounded down, at least one), or the first half of its
 * characters when it is a single sentence.
 */
export function truncate(text: string, options: { chars?: number } = {}): Perturbation {
  if (options.chars !== undefined) {
    const n = Math.max(0, Math.floor(options.chars));
    return {
      kind: 'truncate',
      label: `Kept the first ${n} characters`,
      text: Array.from(text).slice(0, n).join(''),
    };
  }
  const sentences = splitSentences(text);
  if (sentences.length < 2) {
    const chars = Array.from(text);
    const n = Math.floor(chars.length / 2);
    return {
      kind: 'truncate',
      label: 'Kept the first half of the characters',
      text: chars.slice(0, n).join(''),
    };
  }
  const keep = Math.max(1, Math.floor(sentences.length / 2));
  return {
    kind: 'truncate',
    label: `Kept the first ${keep} of ${sentences.length} sentences`,
    text: sentences.slice(0, keep).join('').trimEnd(),
  };
}

/** Puts a refusal in front of the response. */
export function prefixRefusal(text: string, refusal: string = DEFAULT_REFUSAL): Perturbation {
  return { kind: 'refusal', label: 'Added a refusal at the start', text: `${refusal}${text}` };
}

/** mulberry32: a small seeded generator, so a seed always gives the same order. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles the sentences (same seed, same order). When the shuffle happens to keep the original order,
 * the sentences are rotated by one so the text changes whenever it has two different sentences.
 */
export function reorderSentences(text: string, seed = 1): Perturbation {
  const sentences = splitSentences(text)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const order = sentences.map((_, i) => i);
  const rand = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let shuffled = order.map((i) => sentences[i]!);
  if (shuffled.every((s, i) => s === sentences[i]) && sentences.length > 1) {
    shuffled = [...sentences.slice(1), sentences[0]!];
  }
  return {
    kind: 'reorder',
    label: `Shuffled ${sentences.length} sentences (seed ${seed})`,
    text: shuffled.join(' '),
  };
}

/** All four probes with their defaults. */
export function allPerturbations(text: string, seed = 1): Perturbation[] {
  return [padWithFiller(text), truncate(text), prefixRefusal(text), reorderSentences(text, seed)];
}
