import { RewardError } from '../errors';
import type { ScoreResult } from '../types';
import type { CsvCell } from './csv';
import { toCsv } from './csv';
import type { DatasetRecord } from './dataset';
import { toJsonl } from './jsonl';
import { writeNemoLabels } from './nemo';
import { rowItems } from './rows';
import { isRecord } from './validate';

/** The outcome of scoring one input: a result, or the reason it failed. */
export type ItemScore = ScoreResult | { error: string };

export function isScored(s: ItemScore | undefined): s is ScoreResult {
  return s !== undefined && !('error' in s);
}

function checkLength(record: DatasetRecord, scores: readonly ItemScore[] | undefined): void {
  if (!record.row || !scores) return;
  const want = rowItems(record.row).length;
  if (scores.length !== want) {
    throw new RewardError(
      'input',
      `Line ${record.line}: got ${scores.length} scores for a row that needs ${want}.`,
      { line: record.line },
    );
  }
}

function failures(record: DatasetRecord, scores: readonly ItemScore[]): string | undefined {
  const keys = rowItems(record.row!).map((i) => i.key);
  const failed = scores
    .map((s, i) => ('error' in s ? `${keys[i]}: ${s.error}` : undefined))
    .filter((x): x is string => x !== undefined);
  return failed.length ? failed.join('; ') : undefined;
}

export interface WriteOptions {
  /** Decimals kept in NeMo labels (default 4; 0 writes integer labels as SteerLM training expects). */
  labelDecimals?: number;
  /** Start each JSONL row with its input line number (`input_line`), as CLI `annotate` does. */
  inputLine?: boolean;
}

/** The field annotate's and the Batch view's output rows get: the row's line number in the input file. */
export const LINE_FIELD = 'input_line';

/** The output row with its input line number first (inputs that have that field are refused earlier). */
export function withInputLine(row: Record<string, unknown>, line: number): Record<string, unknown> {
  return { [LINE_FIELD]: line, ...row };
}

/** Input rows that already have an `input_line` field of their own (it would be overwritten). */
export function lineFieldClashes(records: readonly DatasetRecord[]): number[] {
  return records.filter((r) => isRecord(r.value) && LINE_FIELD in r.value).map((r) => r.line);
}

/**
 * The output object for one record: the input row with its scores added (pairs: `chosen_score`,
 * `rejected_score`; candidates: `scores`; NeMo: each assistant turn's `label`), or the row with an
 * `error` field when it could not be read or scored. A line that is not JSON becomes `{line, raw, error}`
 * (`{line, error}` when its text was withheld).
 * `scores` follows rowItems order; leave it undefined for a row that was not scored.
 */
export function scoredRecord(
  record: DatasetRecord,
  scores?: readonly ItemScore[],
  options: WriteOptions = {},
): Record<string, unknown> {
  checkLength(record, scores);
  if (!record.json) {
    // Withheld text (too large, or not UTF-8) is not echoed: the row says why and where it was.
    return record.text
      ? { line: record.line, raw: record.text, error: record.error }
      : { line: record.line, error: record.error };
  }
  const base: Record<string, unknown> = isRecord(record.value) ? { ...record.value } : { raw: record.value };
  if (!record.row) return { ...base, error: record.error };
  if (!scores) return { ...base, error: 'not scored' };
  const error = failures(record, scores);
  const withError = (o: Record<string, unknown>) => (error ? { ...o, error } : o);
  const value = (s: ItemScore | undefined) => (isScored(s) ? s.score : null);
  const attrs = (s: ItemScore | undefined) => (isScored(s) ? (s.attributes ?? null) : null);
  const hasAttrs = scores.some((s) => isScored(s) && s.attributes);
  switch (record.row.format) {
    case 'pairs':
    case 'hh-rlhf': {
      const out: Record<string, unknown> = {
        ...base,
        chosen_score: value(scores[0]),
        rejected_score: value(scores[1]),
      };
      if (hasAttrs) {
        out.chosen_attributes = attrs(scores[0]);
        out.rejected_attributes = attrs(scores[1]);
      }
      return withError(out);
    }
    case 'candidates': {
      const out: Record<string, unknown> = { ...base, scores: scores.map(value) };
      if (hasAttrs) out.attributes = scores.map(attrs);
      return withError(out);
    }
    case 'nemo': {
      const labels = new Map<number, Record<string, number>>();
      const bad: string[] = [];
      record.row.assistantTurns.forEach((t, i) => {
        const s = scores[i];
        if (!isScored(s)) return;
        const attrs = s.attributes ?? { reward: s.score };
        // A NaN/Infinity cannot go into a label; the turn keeps its old label and the row says why.
        if (Object.values(attrs).every(Number.isFinite)) labels.set(t.index, attrs);
        else bad.push(`turn_${t.index}: the model returned a non-finite value`);
      });
      const out = writeNemoLabels(base, labels, options.labelDecimals);
      const all = [error, ...bad].filter((x): x is string => x !== undefined);
      return all.length ? { ...out, error: all.join('; ') } : out;
    }
  }
}

/**
 * JSONL of all records with their scores: one output line per input record (rows in = rows out); with
 * `inputLine`, each row starts with its input line number and a row that already has that field is refused.
 */
export function writeScoredJsonl(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
  options: WriteOptions = {},
): string {
  if (options.inputLine) {
    const clashes = lineFieldClashes(records);
    if (clashes.length > 0) {
      throw new RewardError(
        'input',
        `Line ${clashes[0]} already has an "${LINE_FIELD}" field, where the export writes each row's input line number; rename that field first (${clashes.length} row(s) have it).`,
        { line: clashes[0]! },
      );
    }
    return toJsonl(records.map((r, i) => withInputLine(scoredRecord(r, scores[i], options), r.line)));
  }
  return toJsonl(records.map((r, i) => scoredRecord(r, scores[i], options)));
}

/** The scored table: one line per scored input (or per unreadable row), ready for CSV. */
export function scoredTable(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
): { headers: string[]; rows: CsvCell[][] } {
  const attrNames: string[] = [];
  for (const list of scores) {
    for (const s of list ?? []) {
      if (!isScored(s)) continue;
      for (const name of Object.keys(s.attributes ?? {})) if (!attrNames.includes(name)) attrNames.push(name);
    }
  }
  const headers = [
    'line',
    'format',
    'subset',
    'item',
    'response_chars',
    'score',
    ...attrNames,
    'token_count',
    'truncated',
    'error',
  ];
  const rows: CsvCell[][] = [];
  records.forEach((record, r) => {
    const list = scores[r];
    checkLength(record, list);
    if (!record.row) {
      rows.push([record.line, '', '', '', '', '', ...attrNames.map(() => ''), '', '', record.error]);
      return;
    }
    const row = record.row;
    rowItems(row).forEach((item, i) => {
      const s = list?.[i];
      const ok = isScored(s) ? s : undefined;
      const error = s === undefined ? 'not scored' : 'error' in s ? s.error : '';
      rows.push([
        record.line,
        row.format,
        row.subset ?? '',
        item.key,
        item.input.response.length,
        ok?.score,
        ...attrNames.map((n) => ok?.attributes?.[n]),
        ok?.tokenCount,
        ok?.truncated,
        error,
      ]);
    });
  });
  return { headers, rows };
}

/** CSV (RFC 4180) of scoredTable. */
export function writeScoredCsv(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
): string {
  const { headers, rows } = scoredTable(records, scores);
  return toCsv(headers, rows);
}

/** A scored chosen/rejected pair, the input of pairwise accuracy (stats.ts). */
export interface PairOutcome {
  line: number;
  chosen: number;
  rejected: number;
  subset?: string;
  chosenLength: number;
  rejectedLength: number;
}

/** The pairs whose two scores both succeeded (rows of other formats are skipped). */
export function pairOutcomes(
  records: readonly DatasetRecord[],
  scores: readonly (readonly ItemScore[] | undefined)[],
): PairOutcome[] {
  const out: PairOutcome[] = [];
  records.forEach((record, i) => {
    const row = record.row;
    const s = scores[i];
    if (!row || (row.format !== 'pairs' && row.format !== 'hh-rlhf') || !s) return;
    const [c, r] = s;
    if (!isScored(c) || !isScored(r)) return;
    const o: PairOutcome = {
      line: record.line,
      chosen: c.score,
      rejected: r.score,
      chosenLength: row.chosen.length,
      rejectedLength: row.rejected.length,
    };
    out.push(row.subset === undefined ? o : { ...o, subset: row.subset });
  });
  return out;
}
