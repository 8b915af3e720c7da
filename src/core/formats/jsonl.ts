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

export interface JsonlParse {
  rows: JsonlRow[];
  /** Lines that are not valid JSON. Blank lines are skipped and are not errors. */
  errors: LineError[];
}

/**
 * Splits JSONL text into parsed rows and per-line errors; never drops a non-blank line and never throws.
 * Accepts LF or CRLF line ends and a leading byte-order mark.
 */
export function parseJsonl(text: string): JsonlParse {
  const rows: JsonlRow[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    try {
      rows.push({ line, text: raw, value: JSON.parse(raw) as unknown });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      errors.push({ line, message: `Line ${line}: not valid JSON (${reason})` });
    }
  });
  return { rows, errors };
}

/** Serialises objects as JSONL (one per line, trailing newline when non-empty). */
export function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join('\n') + (values.length ? '\n' : '');
}
