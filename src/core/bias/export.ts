import { toCsv } from '../formats/csv';
import type { BiasReport } from './report';

/** A report and the model whose scores it describes (the Batch view keeps one per model for a file). */
export interface ModelBiasReport {
  model: string;
  report: BiasReport;
}

/** The reports as one JSON document: the file, then each model's report in full. */
export function biasReportJson(file: string, reports: readonly ModelBiasReport[]): string {
  return `${JSON.stringify({ file, reports }, null, 2)}\n`;
}

/** The reports as CSV: one line per (model, feature), intervals and n included; undefined values are empty. */
export function biasReportCsv(reports: readonly ModelBiasReport[]): string {
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);
  return toCsv(
    [
      'model',
      'feature',
      'measure',
      'method',
      'estimate',
      'ci_low',
      'ci_high',
      'n',
      'present',
      'per_100_chars',
      'per_100_chars_low',
      'per_100_chars_high',
      'responses',
      'prompts',
      'resamples',
      'seed',
    ],
    reports.flatMap(({ model, report }) =>
      report.effects.map((e) => [
        model,
        e.feature,
        e.kind,
        e.method,
        num(e.estimate),
        num(e.low),
        num(e.high),
        e.n,
        e.present ?? null,
        num(e.per100Chars?.estimate),
        num(e.per100Chars?.low),
        num(e.per100Chars?.high),
        report.responses,
        report.prompts,
        report.resamples,
        report.seed,
      ]),
    ),
  );
}
