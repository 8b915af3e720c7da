/**
 * One-click probes of a response (docs/architecture.md, 'What it is for'): each returns the changed text and
 * what was done.
 */

import { seededRandom } from './random';

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

/** A piece the reorder probe moves as a whole: one prose sentence, or one fenced code block. */
export interface ReorderUnit {
  text: string;
  /** A fenced code block (``` or ~~~ … closing fence): never split, kept on lines of its own. */
  code: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text as reorderable units: fenced code blocks whole (an unclosed fence runs to the end, as in
 * Markdown), the prose around them cut into sentences.
 */
export function reorderUnits(text: string): ReorderUnit[] {
  const units: ReorderUnit[] = [];
  const lines = text.split('\n');
  let prose: string[] = [];
  const flushProse = () => {
    for (const s of splitSentences(prose.join('\n'))) {
      const t = s.trim();
      if (t) units.push({ text: t, code: false });
    }
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) {
      prose.push(lines[i]!);
      continue;
    }
    flushProse();
    const fence = open[1]!;
    const block = [lines[i]!];
    for (i += 1; i < lines.length; i++) {
      block.push(lines[i]!);
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[i]!);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
    }
    units.push({ text: block.join('\n').trimEnd(), code: true });
  }
  flushProse();
  return units;
}

/**
 * Shuffles the sentences (same seed, same order); fenced code blocks move as whole units and stay on lines
 * of their own, so the Markdown still renders. When the shuffle happens to keep the original order, the
 * units are rotated by one so the text changes whenever it has two different units.
 */
export function reorderSentences(text: string, seed = 1): Perturbation {
  const units = reorderUnits(text);
  const sentences = units.map((u) => u.text);
  const order = sentences.map((_, i) => i);
  const rand = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let shuffled = order.map((i) => units[i]!);
  if (shuffled.every((u, i) => u.text === sentences[i]) && units.length > 1) {
    shuffled = [...units.slice(1), units[0]!];
  }
  const blocks = units.filter((u) => u.code).length;
  const joined = shuffled.reduce(
    (out, u, i) => (i === 0 ? u.text : `${out}${u.code || shuffled[i - 1]!.code ? '\n\n' : ' '}${u.text}`),
    '',
  );
  return {
    kind: 'reorder',
    label: `Shuffled ${units.length - blocks} sentences${blocks ? ` and ${blocks} code block${blocks === 1 ? '' : 's'}` : ''} (seed ${seed})`,
    text: joined,
  };
}

/** All four probes with their defaults. */
export function allPerturbations(text: string, seed = 1): Perturbation[] {
  return [padWithFiller(text), truncate(text), prefixRefusal(text), reorderSentences(text, seed)];
}
