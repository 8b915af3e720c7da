/**
 * A model folder's tokenizer.json can carry regular expressions (Split/Replace patterns of its normalizer,
 * pre-tokenizer and decoder) that transformers.js runs on every input. One that backtracks catastrophically,
 * e.g. a Split pattern `(\s*\w+)*@`, takes exponential time in the input length and, being synchronous,
 * blocks the thread that tokenizes (the server, or the browser's worker) — so every regex of a loaded
 * tokenizer is checked before use and the model is refused when one can blow up.
 *
 * The check (hand-written: safe-regex2, the library at hand, judges star height only, so it misses
 * `(a|a)*` and `(\w|\d)+` and refuses every Llama-3/Qwen pattern it cannot parse): exponential backtracking
 * needs a repeated group whose body can split one string into iterations in more than one way. For each
 * group under an unbounded (or over 10) repeat, the body is compiled alone and tested on every string of
 * one to three characters from a sample alphabet (representative letters, digits, spaces, punctuation,
 * non-Latin letters, and the body's own literal characters); when one string splits into body matches in
 * two ways — `ab` as `ab` or `a`,`b` for `(\s*\w+)*` — the regex is refused with that witness. Nested
 * quantifiers and overlapping alternatives both show up this way.
 *
 * Polynomial backtracking comes from unbounded repeats stacked in one sequence that can all match the same
 * character: `\s*\s*\s*\s*@` tries every way to share a run of n spaces among four repeats, n⁴ steps (400
 * spaces took 569 s in Node). Quadratic stacks, as in Llama 3's own `\s*[\r\n]+`, stay allowed (inputs are
 * bounded in length before they are tokenized); three or more repeats sharing a character, with something
 * after them that can fail, are refused.
 */
import { RewardError } from '../../core/errors';

/** A regex of a tokenizer component, with where it came from. */
export interface TokenizerRegex {
  /** e.g. `pre_tokenizer.pretokenizers[1] (Split)`. */
  where: string;
  /** The pattern as written in tokenizer.json when known, else the compiled source. */
  pattern: string;
  regex: RegExp;
}

export interface RegexVerdict {
  /** The repeated group that can match one string in several ways, or the stacked repeats. */
  group: string;
  /** A short string the group's body splits in two ways, or the character the stacked repeats share. */
  witness: string;
  /** `nested`: exponential (a repeated group); `stacked`: polynomial, of this degree. */
  kind?: 'nested' | 'stacked';
  degree?: number;
}

/** Stacked unbounded repeats of this many or more that share a character are refused. */
const STACKED_DEGREE = 3;

/** Repeats at most this many times are bounded enough not to matter. */
const BOUNDED_REPEAT = 10;
const MAX_GROUPS = 64;
const MAX_ALPHABET = 32;
const SAMPLE = ['a', 'Z', 'k', '0', '7', '_', ' ', '\t', '\n', '\r', '.', ',', "'", '-', '@', '!'];
const SAMPLE_WIDE = ['é', 'ß', 'Я', '中', 'あ', '▁', 'Ġ', '\u00a0', '٣', '😀'];
/** The small alphabet of the four-character samples (`(?:x+x+)+` first splits two ways at `xxxx`). */
const SAMPLE_CORE = ['a', '0', ' ', '.'];
const SYNTAX = new Set('\\^$.|?*+()[]{}'.split(''));

interface RepeatedGroup {
  body: string;
  text: string;
}

/** Length of an escape starting at `i` (a backslash), `\p{…}`, `\u{…}`, `\k<…>` included. */
function escapeLength(src: string, i: number): number {
  const next = src[i + 1];
  if ((next === 'p' || next === 'P' || next === 'u') && src[i + 2] === '{') {
    const close = src.indexOf('}', i + 3);
    return close < 0 ? 2 : close - i + 1;
  }
  if (next === 'k' && src[i + 2] === '<') {
    const close = src.indexOf('>', i + 3);
    return close < 0 ? 2 : close - i + 1;
  }
  return 2;
}

/** Where a group's body starts, and whether the group is a lookaround (never repeated meaningfully). */
function groupOpen(src: string, i: number): { bodyStart: number; lookaround: boolean } {
  if (src[i + 1] !== '?') return { bodyStart: i + 1, lookaround: false };
  if (src.startsWith('(?=', i) || src.startsWith('(?!', i)) return { bodyStart: i + 3, lookaround: true };
  if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) return { bodyStart: i + 4, lookaround: true };
  if (src[i + 2] === '<') return { bodyStart: src.indexOf('>', i) + 1 || i + 3, lookaround: false };
  // (?:…) and modifier groups such as (?i:…) or (?-i:…).
  const colon = src.indexOf(':', i);
  return { bodyStart: colon < 0 ? i + 2 : colon + 1, lookaround: false };
}

/** The quantifier at `i`, if any: its text and its upper bound. */
function quantifierAt(src: string, i: number): { text: string; max: number } | undefined {
  const c = src[i];
  let text: string;
  let max: number;
  if (c === '*' || c === '+') [text, max] = [c, Infinity];
  else if (c === '?') [text, max] = [c, 1];
  else {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined;
    text = m[0];
    max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1]);
  }
  return { text: src[i + text.length] === '?' ? text + '?' : text, max };
}

/** Index just past the character class that opens at `i`. */
function skipClass(src: string, i: number): number {
  i++;
  if (src[i] === '^') i++;
  if (src[i] === ']') i++;
  while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? escapeLength(src, i) : 1;
  return i + 1;
}

/** The top-level alternatives of a pattern (`a|b(c|d)` → `a`, `b(c|d)`). */
export function topLevelAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '\\') i += escapeLength(src, i);
    else if (c === '[') i = skipClass(src, i);
    else {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === '|' && depth === 0) {
        out.push(src.slice(from, i));
        from = i + 1;
      }
      i++;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** The sample alphabet for one body: representative characters and the body's own literals. */
function alphabet(body: string, flags: string, base: readonly string[], max: number): string[] {
  const chars = new Set<string>();
  for (let i = 0; i < body.length && chars.size < max; i++) {
    if (body[i] === '\\') {
      i += escapeLength(body, i) - 1;
      continue;
    }
    if (!SYNTAX.has(body[i]!)) chars.add(body[i]!);
  }
  const unicode = flags.includes('u') || flags.includes('v');
  for (const c of base) if (chars.size < max && (unicode || c.length === 1)) chars.add(c);
  return [...chars];
}

/**
 * A short string that `body` (a repeated group's body) matches in two ways — split into iterations
 * differently, or by two of its alternatives — or undefined when there is none among the samples: every
 * string of one or two characters of a sample alphabet (32 letters), of three from the letters that took
 * part in a match and the body's literals (12), and of four from a few (6). A body
 * that cannot be compiled alone (a backreference to an outer group) is judged by whether it repeats
 * anything itself.
 */
export function ambiguousSplit(body: string, flags: string): string | undefined {
  const f = flags.replace(/[gyd]/g, '');
  let alternatives: RegExp[];
  try {
    alternatives = topLevelAlternatives(body).map((a) => new RegExp(`^(?:${a})$`, f));
  } catch {
    return /(?<!\\)[*+]|\{\d+,\}/.test(body) ? body : undefined;
  }
  /** How many alternatives match `s` whole. */
  const multiplicity = new Map<string, number>();
  const m = (s: string) => {
    let n = multiplicity.get(s);
    if (n === undefined) {
      n = 0;
      for (const re of alternatives) if (re.test(s)) n++;
      multiplicity.set(s, n);
    }
    return n;
  };
  const memo = new Map<string, number>();
  /** Ways to split chars[from..] into body matches (counted up to 2). */
  const ways = (chars: string[], from: number): number => {
    if (from === chars.length) return 1;
    const key = chars.slice(from).join('');
    const known = memo.get(key);
    if (known !== undefined) return known;
    let n = 0;
    let piece = '';
    for (let k = from; k < chars.length && n < 2; k++) {
      piece += chars[k];
      const here = m(piece);
      if (here) n += here * ways(chars, k + 1);
    }
    memo.set(key, Math.min(n, 2));
    return n;
  };
  /** The first word of exactly `length` letters that splits two ways. */
  const search = (letters: readonly string[], length: number): string | undefined => {
    const word: string[] = [];
    const walk = (): string | undefined => {
      if (word.length === length) return ways(word, 0) >= 2 ? word.join('') : undefined;
      for (const c of letters) {
        word.push(c);
        const hit = walk();
        word.pop();
        if (hit !== undefined) return hit;
      }
      return undefined;
    };
    return walk();
  };
  const literals = alphabet(body, f, [], MAX_ALPHABET);
  const wide = alphabet(body, f, [...SAMPLE, ...SAMPLE_WIDE], MAX_ALPHABET);
  const short = search(wide, 1) ?? search(wide, 2);
  if (short !== undefined) return short;
  // Longer samples over fewer letters: those that took part in a match so far, the literals, a few more.
  const used = new Set<string>();
  for (const [piece, n] of multiplicity) if (n > 0) for (const c of piece) used.add(c);
  const unique = (xs: string[], max: number) => [...new Set(xs)].slice(0, max);
  return (
    search(unique([...literals, ...used, ...SAMPLE_CORE], 12), 3) ??
    search(unique([...literals, ...SAMPLE_CORE], 6), 4)
  );
}

/** One element of a sequence: a character, class, escape or group, with its quantifier. */
interface Atom {
  /** The element without its quantifier. */
  body: string;
  text: string;
  min: number;
  max: number;
  /** Anchors, word boundaries and lookarounds match no characters. */
  zeroWidth: boolean;
  /** A group's body, inside its parentheses (after `?:`, `?<name>` and the like). */
  inner?: string;
}

function quantified(src: string, i: number, body: string, zeroWidth: boolean): { atom: Atom; next: number } {
  const q = quantifierAt(src, i);
  const min = !q
    ? 1
    : q.text.startsWith('*') || q.text.startsWith('?')
      ? 0
      : q.text.startsWith('+')
        ? 1
        : Number(/\d+/.exec(q.text)![0]);
  return {
    atom: { body, text: body + (q?.text ?? ''), min: zeroWidth ? 0 : min, max: q ? q.max : 1, zeroWidth },
    next: i + (q?.text.length ?? 0),
  };
}

/** Every sequence of `src` (each alternative, at the top level and inside every group) as its atoms. */
export function sequences(src: string): { atoms: Atom[]; nested: boolean }[] {
  const out: { atoms: Atom[]; nested: boolean }[] = [];
  const frames: { start: number; bodyStart: number; lookaround: boolean; branch: Atom[] }[] = [
    { start: -1, bodyStart: 0, lookaround: false, branch: [] },
  ];
  const top = () => frames[frames.length - 1]!;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '(') {
      const g = groupOpen(src, i);
      frames.push({ start: i, bodyStart: g.bodyStart, lookaround: g.lookaround, branch: [] });
      i = g.bodyStart;
    } else if (c === ')' && frames.length > 1) {
      const f = frames.pop()!;
      out.push({ atoms: f.branch, nested: true });
      const r = quantified(src, i + 1, src.slice(f.start, i + 1), f.lookaround);
      top().branch.push({ ...r.atom, inner: src.slice(f.bodyStart, i) });
      i = r.next;
    } else if (c === '|') {
      out.push({ atoms: top().branch, nested: frames.length > 1 });
      top().branch = [];
      i++;
    } else if (c === '^' || c === '$') {
      top().branch.push({ body: c, text: c, min: 0, max: 1, zeroWidth: true });
      i++;
    } else {
      const end = c === '\\' ? i + escapeLength(src, i) : c === '[' ? skipClass(src, i) : i + 1;
      const body = src.slice(i, end);
      const r = quantified(src, end, body, /^\\[bB]$/.test(body));
      top().branch.push(r.atom);
      i = r.next;
    }
  }
  out.push({ atoms: top().branch, nested: frames.length > 1 });
  return out;
}

/** Every group of `src` that repeats more than BOUNDED_REPEAT times (lookarounds aside), with its body. */
export function repeatedGroups(src: string, parsed = sequences(src)): RepeatedGroup[] {
  return parsed.flatMap(({ atoms }) =>
    atoms.flatMap((a) =>
      a.inner !== undefined && !a.zeroWidth && a.max > BOUNDED_REPEAT
        ? [{ body: a.inner, text: a.text }]
        : [],
    ),
  );
}

/**
 * Unbounded repeats stacked in one sequence that can all match one character (`\s*\s*\s*x`), with something
 * after them that can fail: a run of that character is shared among them in polynomially many ways.
 */
export function stackedRepeats(
  src: string,
  flags: string,
  parsed = sequences(src),
): RegexVerdict | undefined {
  const f = flags.replace(/[gyd]/g, '');
  const unicode = f.includes('u') || f.includes('v');
  const chars = [...SAMPLE, ...(unicode ? SAMPLE_WIDE : [])];
  for (const { atoms, nested } of parsed) {
    const repeats = atoms.map((a) => !a.zeroWidth && a.max > BOUNDED_REPEAT);
    if (repeats.filter(Boolean).length < STACKED_DEGREE) continue;
    /** The sample characters one repetition of an atom matches. */
    const matches = atoms.map((a, k) => {
      if (!repeats[k] && a.min === 0) return new Set<string>();
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${a.body})$`, f);
      } catch {
        return new Set<string>();
      }
      return new Set([...chars, ...alphabet(a.body, f, [], 8)].filter((c) => re.test(c)));
    });
    for (const c of new Set(matches.flatMap((m) => [...m]))) {
      // Count the repeats matching `c` between atoms that must match something else.
      let stack: number[] = [];
      for (let k = 0; k <= atoms.length; k++) {
        const a = atoms[k];
        const breaks = !a || (a.min > 0 && !matches[k]!.has(c));
        if (!breaks && repeats[k] && matches[k]!.has(c)) stack.push(k);
        if (!breaks) continue;
        // Something after the stack that can fail (an atom, or the rest of the pattern around this group).
        if (stack.length >= STACKED_DEGREE && (stack.at(-1)! < atoms.length - 1 || nested)) {
          return {
            group: stack.map((j) => atoms[j]!.text).join(''),
            witness: c,
            kind: 'stacked',
            degree: stack.length,
          };
        }
        stack = [];
      }
    }
  }
  return undefined;
}

/** Why `regex` can backtrack catastrophically, or undefined when it cannot (as far as this check sees). */
export function catastrophicBacktracking(regex: RegExp): RegexVerdict | undefined {
  // One parse serves both checks.
  const parsed = sequences(regex.source);
  const groups = repeatedGroups(regex.source, parsed);
  if (groups.length > MAX_GROUPS) {
    return { group: `${groups.length} repeated groups`, witness: '(too many to check)' };
  }
  for (const g of groups) {
    const witness = ambiguousSplit(g.body, regex.flags);
    if (witness !== undefined) return { group: g.text, witness, kind: 'nested' };
  }
  return stackedRepeats(regex.source, regex.flags, parsed);
}

const COMPONENTS = ['normalizer', 'pre_tokenizer', 'decoder', 'post_processor'] as const;

/** An object whose properties the walk reads: transformers.js components are callable (functions). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
  return !(v instanceof Map) && !(v instanceof Set) && !ArrayBuffer.isView(v);
}

/** tokenizer.json's names for the lists transformers.js renames (a pre-tokenizer Sequence's `pretokenizers`). */
const JSON_NAMES: Record<string, string> = { tokenizers: 'pretokenizers' };

/**
 * Every RegExp in the tokenizer's normalizer, pre-tokenizer, decoder and post-processor (sequences
 * included), each named by its place and by the pattern written in tokenizer.json when it came from one.
 */
export function tokenizerRegexes(tokenizer: object): TokenizerRegex[] {
  const t = tokenizer as { _tokenizer?: Record<string, unknown> } & Record<string, unknown>;
  const root = isPlainObject(t._tokenizer) ? t._tokenizer : t;
  const out: TokenizerRegex[] = [];
  const seen = new Set<unknown>();
  const stack: { value: unknown; where: string; depth: number }[] = COMPONENTS.map((name) => ({
    value: root[name],
    where: name,
    depth: 0,
  }));
  while (stack.length) {
    const { value, where, depth } = stack.pop()!;
    if (seen.has(value) || depth > 8) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      if (value.length <= 256)
        value.forEach((v, k) => stack.push({ value: v, where: `${where}[${k}]`, depth: depth + 1 }));
      continue;
    }
    if (!isPlainObject(value)) continue;
    const config = isPlainObject(value.config) ? value.config : undefined;
    const type = typeof config?.type === 'string' ? ` (${config.type})` : '';
    const written = isPlainObject(config?.pattern) ? config.pattern.Regex : undefined;
    for (const [key, v] of Object.entries(value)) {
      if (v instanceof RegExp) {
        const pattern = key === 'pattern' && typeof written === 'string' ? written : v.source;
        out.push({ where: `${where}${type}`, pattern, regex: v });
      } else if (key !== 'config' && (isPlainObject(v) || Array.isArray(v))) {
        stack.push({ value: v, where: `${where}.${JSON_NAMES[key] ?? key}`, depth: depth + 1 });
      }
    }
  }
  return out;
}

/**
 * Refuses a tokenizer with a regex that can backtrack catastrophically, naming the file, the component and
 * the pattern. `file` is how the model's tokenizer.json is shown to the user.
 */
export function checkTokenizerRegexes(tokenizer: object, file: string): void {
  for (const r of tokenizerRegexes(tokenizer)) {
    const verdict = catastrophicBacktracking(r.regex);
    if (!verdict) continue;
    const why =
      verdict.kind === 'stacked'
        ? `(its ${verdict.degree} stacked repeats ${verdict.group} can all match ${JSON.stringify(verdict.witness)}, ` +
          `so a run of n of them is shared among them in about n^${verdict.degree} ways), so some inputs would ` +
          'take polynomial time of that degree to tokenize'
        : `(its repeated group ${verdict.group} matches ${JSON.stringify(verdict.witness)} in more than one way), ` +
          'so some inputs would take exponential time to tokenize';
    throw new RewardError(
      'model',
      `${file}: the ${r.where} pattern ${JSON.stringify(r.pattern)} can backtrack catastrophically ${why} ` +
        'and block the engine. The model is not loaded; fix or remove that pattern in tokenizer.json.',
      { file, pattern: r.pattern },
    );
  }
}
