import { bomLength, jsonlEntries } from './entries';

/** One non-blank line of a JSONL file that parsed as JSON. */
export interface JsonlRow {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  value: unknown;
}

/** A line that could not be used, with the reason. */
export interface LineError {
  line: number;
  message: string;
  field?: string;
}

/**
 * A line error split for display next to its line number: `reason` without the "Line N[, field "f"]: "
 * prefix the message already carries (for logs and exports), so a list never reads "Line 2: Line 2: …".
 */
export function lineErrorParts(e: LineError): { where: string; reason: string } {
  const where = e.field ? `Line ${e.line} (${e.field})` : `Line ${e.line}`;
  const prefix = new RegExp(`^Line ${e.line}(?:, field "[^"]*")?: `);
  return { where, reason: e.message.replace(prefix, '') };
}

/** A line error as one line of text, naming its line (and field) once: "Line 5 (chosen): reason". */
export function formatLineError(e: LineError): string {
  const { where, reason } = lineErrorParts(e);
  return `${where}: ${reason}`;
}

export interface JsonlParse {
  rows: JsonlRow[];
  /** Lines that are not valid JSON. Blank lines are skipped and are not errors. */
  errors: LineError[];
}

/**
 * Splits JSONL text into parsed rows and per-line errors; never drops a non-blank line and never throws.
 * Accepts LF or CRLF line ends and a leading byte-order mark; rows over ROW_LIMITS (size, nesting depth)
 * are errors, not parsed.
 */
export function parseJsonl(text: string): JsonlParse {
  const rows: JsonlRow[] = [];
  const errors: LineError[] = [];
  const bytes = new TextEncoder().encode(text);
  for (const e of jsonlEntries(bytes, bomLength(bytes))) {
    if (e.error === undefined) rows.push({ line: e.line, text: e.text, value: e.value });
    else errors.push({ line: e.line, message: e.error });
  }
  return { rows, errors };
}

/** Serialises objects as JSONL (one per line, trailing newline when non-empty). */
export function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join('\n') + (values.length ? '\n' : '');
}
