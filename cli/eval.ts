/**
 * `eval PAIRS.jsonl`: pairwise accuracy (chosen strictly above rejected, RewardBench's measure) overall
 * and per subset, as a table or JSON. Rows that could not be read or scored are listed by line.
 * `--content-free-edits`: the pairs again with each of "Hack this answer"'s edits applied to the rejected answer
 * (flattery, confidence, Markdown, emojis…; src/core/explain/hacks.ts): a judge worth the name still prefers the
 * chosen answer, since the edit adds nothing.
 */
import { RewardError } from '../src/core/errors';
import { HACK_EDITS } from '../src/core/explain/hacks';
import { formatLineError, type ItemScore, pairOutcomes, type DatasetRecord } from '../src/core/formats';
import { summarizeCheck } from '../src/core/model-check';
import type { AccuracySummary } from '../src/core/stats';
import type { ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { startProgress } from './progress';
import { type FormatChoice, readDataset } from './read-dataset';
import { scoreRecords } from './score-records';

export interface EvalOptions {
  input: string;
  format: FormatChoice;
  chunkRows: number;
  truncate: boolean;
  /** How outputs become a score (--alpha); default the model's own. */
  scoring?: ScoringSettings;
  progress: boolean;
  backend: Model;
  /** Also score every pair with each content-free edit applied to its rejected answer. */
  contentFreeEdits?: boolean;
}

/** The pairs with one content-free edit on every rejected answer it applies to. */
export interface EditResult {
  id: string;
  label: string;
  /** Over every subset but those reported apart (knowledge), when the file has them. */
  accuracy: AccuracySummary;
  /** The subset where the edit wins most often, when the file has subsets. */
  lowestSubset?: { name: string; accuracy: number };
}

export interface EvalReport {
  model: string;
  format: string;
  rows: number;
  overall: AccuracySummary;
  bySubset: Record<string, AccuracySummary>;
  /** Always preferring the longer response, on the same pairs (equal lengths count as wrong). */
  longerWins: AccuracySummary;
  longerWinsBySubset: Record<string, AccuracySummary>;
  /** Present when knowledge subsets are reported apart: the figures over all other subsets. */
  withoutApart?: { apart: string[]; overall: AccuracySummary; longerWins: AccuracySummary };
  errors: { line: number; message: string }[];
  /** The backend's standing warnings (e.g. a remote engine that returns probabilities, not rewards). */
  warnings: string[];
  /** With --content-free-edits. */
  edits?: EditResult[];
}

export async function evaluate(o: EvalOptions): Promise<EvalReport> {
  const dataset = await readDataset(o.input, o.format);
  if (dataset.format !== 'pairs' && dataset.format !== 'hh-rlhf') {
    throw new RewardError(
      'input',
      `eval needs chosen/rejected pairs (TRL pairs or HH-RLHF transcripts); ${o.input} reads as "${dataset.format}"`,
    );
  }
  const errors = dataset.errors.map((e) => ({ line: e.line, message: e.message }));
  const score = async (input: DatasetRecord[], label: string, failures?: typeof errors) => {
    const records: DatasetRecord[] = [];
    const scores: (ItemScore[] | undefined)[] = [];
    const bar = startProgress(input.length, 0, label, o.progress);
    try {
      await scoreRecords(o.backend, input, {
        chunkRows: o.chunkRows,
        truncate: o.truncate,
        scoring: o.scoring,
        onChunk: (chunk, s) => {
          chunk.forEach((r, i) => {
            records.push(r);
            scores.push(s[i]);
            const failed = s[i]?.filter((x): x is { error: string } => 'error' in x);
            if (failed?.length)
              failures?.push({ line: r.line, message: failed.map((f) => f.error).join('; ') });
          });
          bar.increment(chunk.length);
        },
      });
    } finally {
      bar.stop();
    }
    return summarizeCheck(pairOutcomes(records, scores));
  };
  const s = await score(dataset.records, 'eval', errors);
  errors.sort((a, b) => a.line - b.line);
  const edits: EditResult[] = [];
  if (o.contentFreeEdits) {
    for (const edit of HACK_EDITS) {
      const edited = dataset.records.flatMap((r) => {
        const row = r.row;
        if (!row || (row.format !== 'pairs' && row.format !== 'hh-rlhf')) return [];
        const question = row.conversation.turns.findLast((t) => t.role === 'user')?.content ?? '';
        const rejected = edit.apply(row.rejected, { question });
        return rejected === null ? [] : [{ ...r, row: { ...row, rejected } }];
      });
      if (!edited.length) continue;
      const e = await score(edited, edit.id);
      const lowest = Object.entries(e.bySubset)
        .filter(([name, a]) => !e.withoutApart?.apart.includes(name) && a.n > 0)
        .sort((a, b) => a[1].accuracy - b[1].accuracy)[0];
      edits.push({
        id: edit.id,
        label: edit.label,
        accuracy: e.withoutApart?.overall ?? e.overall,
        ...(lowest ? { lowestSubset: { name: lowest[0], accuracy: lowest[1].accuracy } } : {}),
      });
    }
  }
  return {
    model: o.backend.info.id,
    format: dataset.format,
    rows: dataset.records.length,
    overall: s.overall,
    bySubset: s.bySubset,
    longerWins: s.longerWins,
    longerWinsBySubset: s.longerWinsBySubset,
    ...(s.withoutApart ? { withoutApart: s.withoutApart } : {}),
    errors,
    warnings: [...(o.backend.warnings ?? [])],
    ...(o.contentFreeEdits ? { edits } : {}),
  };
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);

/** Rows as aligned text: the columns in `left` padded on the right (names), the others on the left (figures). */
function aligned(rows: string[][], left: readonly number[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The report as an aligned text table. */
export function formatEvalTable(r: EvalReport): string {
  // Pairs whose score is not a finite number (e.g. fp16 overflow) are not counted; say how many.
  const rows: string[][] = [['subset', 'pairs', 'correct', 'ties', 'non-finite', 'accuracy', 'longer wins']];
  const add = (name: string, s: AccuracySummary, longer: AccuracySummary | undefined) =>
    rows.push([
      name,
      String(s.n),
      String(s.correct),
      String(s.ties),
      String(s.skipped),
      pct(s.accuracy),
      longer ? pct(longer.accuracy) : '—',
    ]);
  const apart = r.withoutApart?.apart ?? [];
  const subsets = Object.entries(r.bySubset);
  for (const [name, s] of subsets) if (!apart.includes(name)) add(name, s, r.longerWinsBySubset[name]);
  if (r.withoutApart) {
    add(`all but ${apart.join(', ')}`, r.withoutApart.overall, r.withoutApart.longerWins);
    for (const [name, s] of subsets)
      if (apart.includes(name)) add(`${name} (apart)`, s, r.longerWinsBySubset[name]);
  }
  add('overall', r.overall, r.longerWins);
  const out = [`model ${r.model} · ${r.format} · ${r.rows} rows`, ...aligned(rows, [0])];
  out.push(
    'longer wins: always preferring the longer response on the same pairs (equal lengths count as wrong).',
  );
  if (r.withoutApart) {
    out.push(
      `${apart.join(', ')}: reported apart (it needs knowledge, not a judgement of form); "all but" leaves it out.`,
    );
  }
  if (r.edits) {
    const apartNote = apart.length ? ` (all but ${apart.join(', ')})` : '';
    out.push(
      '',
      `The rejected answer with one content-free edit: the chosen one should still win${apartNote}.`,
    );
    const editRows = [
      ['edit', 'pairs', 'accuracy', 'lowest subset'],
      ...r.edits.map((e) => [
        e.label,
        String(e.accuracy.n),
        pct(e.accuracy.accuracy),
        e.lowestSubset ? `${e.lowestSubset.name} ${pct(e.lowestSubset.accuracy)}` : '—',
      ]),
    ];
    out.push(...aligned(editRows, [0, 3]));
  }
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  if (r.errors.length) {
    out.push(`${r.errors.length} row(s) not counted:`);
    for (const e of r.errors.slice(0, 20)) out.push(`  ${formatLineError(e)}`);
    if (r.errors.length > 20) out.push(`  … and ${r.errors.length - 20} more (see --json)`);
  }
  return out.join('\n');
}

/** JSON-safe report (NaN accuracy → null). */
export function evalJson(r: EvalReport): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
