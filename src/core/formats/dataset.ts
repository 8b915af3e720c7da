import { RewardError } from '../errors';
import { detectFormat, ROW_PARSERS } from './detect';
import { type LineError, parseJsonl } from './jsonl';
import type { FormatName, NormalizedRow } from './rows';
import { isRecord } from './validate';

/** One non-blank input line and what became of it. Every non-blank line yields exactly one record. */
export interface DatasetRecord {
  line: number;
  /** The line as read. */
  text: string;
  /** True when the line is valid JSON (then `value` holds it). */
  json: boolean;
  value?: unknown;
  /** Set when the row is valid for the file's format. */
  row?: NormalizedRow;
  /** Set when the line is not valid JSON or not a valid row. */
  error?: string;
  field?: string;
}

export interface Dataset {
  format: FormatName;
  records: DatasetRecord[];
  /** One entry per record with an error, in line order. */
  errors: LineError[];
}

/**
 * Reads a JSONL dataset: every non-blank line becomes a record (valid or with its error), never dropped.
 * `format` defaults to auto-detection from the first valid rows; it throws only when detection fails.
 */
export function parseDataset(text: string, options: { format?: FormatName | 'auto' } = {}): Dataset {
  const { rows, errors: jsonErrors } = parseJsonl(text);
  const format =
    options.format && options.format !== 'auto'
      ? options.format
      : detectFormat(rows.filter((r) => isRecord(r.value)));
  const parse = ROW_PARSERS[format];
  const records: DatasetRecord[] = [];
  for (const r of rows) {
    try {
      records.push({ line: r.line, text: r.text, json: true, value: r.value, row: parse(r.value, r.line) });
    } catch (e) {
      if (!(e instanceof RewardError)) throw e;
      const field = typeof e.details.field === 'string' ? e.details.field : undefined;
      records.push({ line: r.line, text: r.text, json: true, value: r.value, error: e.message, field });
    }
  }
  const lines = jsonErrors.length ? text.replace(/^\uFEFF/, '').split(/\r?\n/) : [];
  for (const err of jsonErrors) {
    records.push({ line: err.line, text: lines[err.line - 1] ?? '', json: false, error: err.message });
  }
  records.sort((a, b) => a.line - b.line);
  const errors: LineError[] = records
    .filter((r) => r.error !== undefined)
    .map((r) =>
      r.field ? { line: r.line, message: r.error!, field: r.field } : { line: r.line, message: r.error! },
    );
  return { format, records, errors };
}
