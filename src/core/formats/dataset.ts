import { RewardError } from '../errors';
import { detectFormat, ROW_PARSERS } from './detect';
import { datasetEntries, type RowLimits } from './entries';
import { inflateIfGzip } from './gzip';
import type { LineError } from './jsonl';
import type { FormatName, NormalizedRow } from './rows';
import { isRecord } from './validate';

/** One non-blank input line and what became of it. Every non-blank line yields exactly one record. */
export interface DatasetRecord {
  line: number;
  /** The line (or JSON array element) as read; '' when withheld (over the size cap, or not UTF-8). */
  text: string;
  /** True when the line is valid JSON within the row limits (then `value` holds it). */
  json: boolean;
  value?: unknown;
  /** Set when the row is valid for the file's format. */
  row?: NormalizedRow;
  /** Set when the line is not valid JSON or not a valid row. */
  error?: string;
  field?: string;
}

export interface DatasetOptions {
  format?: FormatName | 'auto';
  /** Per-row size and nesting caps (default ROW_LIMITS). */
  limits?: RowLimits;
}

export interface Dataset {
  format: FormatName;
  records: DatasetRecord[];
  /** One entry per record with an error, in line order. */
  errors: LineError[];
}

/**
 * Reads a dataset's text (JSONL, or one JSON array of rows): every non-blank line / element becomes a
 * record (valid or with its error), never dropped. `format` defaults to auto-detection from the first valid
 * rows; it throws only when detection fails.
 */
export function parseDataset(text: string, options: DatasetOptions = {}): Dataset {
  return parseDatasetBytes(new TextEncoder().encode(text), options);
}

/**
 * parseDataset for a file's bytes, so invalid UTF-8 is reported by line instead of silently becoming U+FFFD
 * (use readDatasetFile for a file that may be gzip-compressed).
 */
export function parseDatasetBytes(bytes: Uint8Array, options: DatasetOptions = {}): Dataset {
  const entries = datasetEntries(bytes, options.limits);
  const valid = entries.filter((e) => e.error === undefined);
  const format =
    options.format && options.format !== 'auto'
      ? options.format
      : detectFormat(valid.filter((r) => isRecord(r.value)));
  const parse = ROW_PARSERS[format];
  const records: DatasetRecord[] = entries.map((e) => {
    if (e.error !== undefined) return { line: e.line, text: e.text, json: false, error: e.error };
    try {
      return { line: e.line, text: e.text, json: true, value: e.value, row: parse(e.value, e.line) };
    } catch (err) {
      if (!(err instanceof RewardError)) throw err;
      const field = typeof err.details.field === 'string' ? err.details.field : undefined;
      return { line: e.line, text: e.text, json: true, value: e.value, error: err.message, field };
    }
  });
  const errors: LineError[] = records
    .filter((r) => r.error !== undefined)
    .map((r) =>
      r.field ? { line: r.line, message: r.error!, field: r.field } : { line: r.line, message: r.error! },
    );
  return { format, records, errors };
}

/** A dataset file as stored: plain or gzip-compressed (`.jsonl.gz`), JSONL or a JSON array. */
export async function readDatasetFile(
  bytes: Uint8Array,
  name: string,
  options: DatasetOptions = {},
): Promise<Dataset> {
  return parseDatasetBytes(await inflateIfGzip(bytes, name), options);
}
