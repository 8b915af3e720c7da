/**
 * Splits a dataset file's bytes into entries (JSONL lines, or the elements of one JSON array) and parses
 * each one behind guards that run before JSON.parse: a size cap, valid UTF-8 (never silently replaced
 * by U+FFFD) and a nesting-depth cap (a 100,000-deep row would overflow the stack of anything that walks
 * it, JSON.stringify included). Every failure is an entry with its line number, never an exception, so
 * one bad row cannot stop a run. All scans are loops over bytes (no recursion).
 */

export interface RowLimits {
  /** Largest entry, in bytes of UTF-8 (a long-context preference row is well under 1 MiB). */
  maxRowBytes: number;
  /** Deepest nesting of arrays and objects in one row (the dataset formats need at most 4). */
  maxDepth: number;
}

export const ROW_LIMITS: RowLimits = { maxRowBytes: 32 * 1024 * 1024, maxDepth: 64 };

/** One entry of the file: its JSON value, or why it cannot be used. `text` is '' when withheld. */
export type Entry =
  | { line: number; text: string; value: unknown; error?: undefined }
  | { line: number; text: string; error: string };

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === LF || b === CR;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const x = i + k < end ? b[i + k]! : -1;
      if (x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * The deepest nesting of arrays and objects in bytes[start, end), stopping once it passes `cap` (strings
 * are skipped, so brackets inside them do not count).
 */
export function nestingDepth(b: Uint8Array, start: number, end: number, cap = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > cap) return max;
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return max;
}

/**
 * JSON.parse's reason without its position (engines say "at position 59 (line 1 column 60)" or "at line 1
 * column 60 of the JSON data", positions inside the entry, not the file), and the 1-based character
 * offset it names, if any.
 */
function jsonReason(message: string, text: string): { reason: string; offset?: number } {
  const v8 = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (v8) return { reason: message.replace(v8[0], ''), offset: Number(v8[1]) };
  const gecko = / at line (\d+) column (\d+) of the JSON data/.exec(message);
  if (gecko) {
    const [lineNo, col] = [Number(gecko[1]), Number(gecko[2])];
    let offset = 0;
    for (let l = 1; l < lineNo; l++) offset = text.indexOf('\n', offset) + 1;
    return { reason: message.replace(gecko[0], '').replace(/^JSON\.parse: /, ''), offset: offset + col - 1 };
  }
  return { reason: message };
}

/** Where a character offset of an entry that starts on `line` lies in the file. */
function position(text: string, line: number, offset: number): string {
  const before = text.slice(0, offset);
  const breaks = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return breaks ? `line ${line + breaks}, column ${column}` : `column ${column}`;
}

/**
 * Parses bytes[start, end) of an entry that starts on `line`, behind the size, UTF-8 and depth checks;
 * `what` prefixes the reason ('' for a JSONL line, "array element N: "). Undefined for a blank line.
 */
function parseEntry(
  b: Uint8Array,
  start: number,
  end: number,
  line: number,
  limits: RowLimits,
  what: string,
): Entry | undefined {
  const size = end - start;
  if (size > limits.maxRowBytes) {
    return {
      line,
      text: '',
      error: `Line ${line}: ${what}${mib(size)} long, over the ${mib(limits.maxRowBytes)} a row may have; the row is not read.`,
    };
  }
  const bad = firstInvalidUtf8(b, start, end);
  if (bad >= 0) {
    return {
      line,
      text: '',
      error: `Line ${line}: ${what}not valid UTF-8 (byte 0x${b[bad]!.toString(16).toUpperCase().padStart(2, '0')} at byte ${bad - start + 1}); save the file as UTF-8.`,
    };
  }
  const text = utf8.decode(b.subarray(start, end));
  if (text.trim() === '') return undefined;
  if (size > limits.maxDepth && nestingDepth(b, start, end, limits.maxDepth) > limits.maxDepth) {
    return {
      line,
      text,
      error: `Line ${line}: ${what}arrays/objects nest more than ${limits.maxDepth} levels deep; the row is not read.`,
    };
  }
  try {
    return { line, text, value: JSON.parse(text) as unknown };
  } catch (e) {
    const { reason, offset } = jsonReason(e instanceof Error ? e.message : String(e), text);
    const at = offset === undefined ? '' : ` at ${position(text, line, offset)}`;
    return { line, text, error: `Line ${line}: ${what}not valid JSON${at} (${reason})` };
  }
}

/** 3 when the bytes start with a UTF-8 byte-order mark. */
export const bomLength = (b: Uint8Array) => (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0);

/** JSONL: one entry per non-blank line (LF or CRLF); `from` skips a byte-order mark. */
export function jsonlEntries(b: Uint8Array, from = 0, limits: RowLimits = ROW_LIMITS): Entry[] {
  const out: Entry[] = [];
  let start = from;
  for (let line = 1; start <= b.length; line++) {
    let end = b.indexOf(LF, start);
    if (end < 0) end = b.length;
    const stop = end > start && b[end - 1] === CR ? end - 1 : end;
    const entry = parseEntry(b, start, stop, line, limits, '');
    if (entry) out.push(entry);
    start = end + 1;
  }
  return out;
}

interface ArraySpan {
  start: number;
  end: number;
  line: number;
}

/**
 * When the file is one top-level JSON array (from `[` at `open` to its `]`, then only whitespace), its
 * elements' byte spans and starting lines; undefined otherwise (JSONL whose rows are arrays, a first line that
 * is broken, or a `[` that a `}` would close: a `[` line, then JSONL rows whose quotes and brackets are broken), and
 * the file is read as JSONL, a record per line. Brackets are counted, not matched, so a typo inside one element
 * stays that element's error; counting also keeps the memory flat however deep a hostile file nests.
 */
function arraySpans(b: Uint8Array, open: number): ArraySpan[] | undefined {
  const spans: ArraySpan[] = [];
  let line = 1;
  for (let i = 0; i < open; i++) if (b[i] === LF) line++;
  let depth = 1;
  let inString = false;
  let elemStart = -1;
  let elemLine = line;
  let i = open + 1;
  for (; i < b.length; i++) {
    const c = b[i]!;
    if (c === LF) line++;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (depth === 1 && elemStart < 0 && !isSpace(c) && c !== CLOSE_ARRAY) {
      elemStart = i;
      elemLine = line;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
    else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
      if (depth === 0) {
        if (c !== CLOSE_ARRAY) return undefined;
        break;
      }
    } else if (c === COMMA && depth === 1) {
      spans.push({ start: elemStart, end: i, line: elemLine });
      elemStart = -1;
    }
  }
  if (i >= b.length) return undefined;
  for (let k = i + 1; k < b.length; k++) if (!isSpace(b[k]!)) return undefined;
  if (elemStart >= 0) spans.push({ start: elemStart, end: i, line: elemLine });
  else if (spans.length > 0) spans.push({ start: i, end: i, line }); // a trailing comma
  return spans;
}

function arrayEntries(b: Uint8Array, open: number, limits: RowLimits): Entry[] | undefined {
  return arraySpans(b, open)?.map((s, k): Entry => {
    const what = `array element ${k + 1}: `;
    let end = s.end;
    while (end > s.start && isSpace(b[end - 1]!)) end--;
    if (end === s.start)
      return { line: s.line, text: '', error: `Line ${s.line}: ${what}empty (a stray comma).` };
    return parseEntry(b, s.start, end, s.line, limits, what)!;
  });
}

/**
 * Every entry of a dataset file: a top-level JSON array's elements, else each non-blank JSONL line.
 * A leading UTF-8 byte-order mark is skipped.
 */
export function datasetEntries(bytes: Uint8Array, limits: RowLimits = ROW_LIMITS): Entry[] {
  const from = bomLength(bytes);
  let first = from;
  while (first < bytes.length && isSpace(bytes[first]!)) first++;
  if (bytes[first] === OPEN_ARRAY) {
    const entries = arrayEntries(bytes, first, limits);
    if (entries) return entries;
  }
  return jsonlEntries(bytes, from, limits);
}
