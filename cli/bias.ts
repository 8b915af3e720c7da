/**
 * `bias <scored>`: the Batch view's bias report for a file that already holds scores (annotate's output or the
 * Batch view's JSONL export), as a table, JSON or CSV. No model is loaded: the scores are read from the file.
 */
import { basename } from 'node:path';
import {
  biasReport,
  biasReportCsv,
  biasReportJson,
  biasRowsOfScoredFile,
  type BiasEffect,
  type BiasReport,
} from '../src/core/bias';
import { readDataset, type FormatChoice } from './read-dataset';

const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

function cell(e: BiasEffect): string {
  if (!Number.isFinite(e.estimate)) {
    if (e.kind === 'correlation') return 'undefined (no variation)';
    return e.present === 0 ? 'not in any response' : 'no matched comparison';
  }
  const slope = e.per100Chars ? `; ${num(e.per100Chars.estimate)} per 100 chars` : '';
  const ci = Number.isFinite(e.low) ? `[${num(e.low)}, ${num(e.high)}]` : '(too few for an interval)';
  return `${num(e.estimate)} ${ci}${slope}`;
}

const METHOD: Record<BiasEffect['method'], string> = {
  spearman: 'Spearman ρ',
  'within-prompt': 'Δ mean within prompt',
  'length-bins': 'Δ mean within length bins',
};

/** The report as an aligned text table, one line per feature, with the n behind each number. */
export function formatBiasTable(report: BiasReport): string {
  const rows = report.effects.map((e) => [
    e.label,
    METHOD[e.method],
    cell(e),
    e.kind === 'correlation'
      ? `${e.n} responses`
      : `${e.n} ${e.method === 'within-prompt' ? 'prompts' : 'responses'}, ${e.present ?? 0} with`,
  ]);
  const header = ['feature', 'measure', 'estimate [95% interval]', 'n'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((x, c) => x.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [
    `${report.responses} scored responses to ${report.prompts} prompts; 95% bootstrap intervals over prompts (${report.resamples} resamples, seed ${report.seed})`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}

export async function biasCommand(
  input: string,
  flags: { format: FormatChoice; json?: boolean; csv?: boolean },
): Promise<string> {
  const dataset = await readDataset(input, flags.format);
  const report = biasReport(biasRowsOfScoredFile(dataset.records));
  const reports = [{ model: 'scores in the file', report }];
  if (flags.json) return biasReportJson(basename(input), reports).trimEnd();
  if (flags.csv) return biasReportCsv(reports).trimEnd();
  return formatBiasTable(report);
}
