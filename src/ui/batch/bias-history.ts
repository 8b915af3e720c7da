/**
 * The bias reports of the files scored in this page, per model, so scoring a file again with another model
 * (the default one, then a converted one) shows both reports side by side. The Batch view keeps only the
 * last run's scores; this keeps each model's report (small: one line per feature), in memory only.
 */
import type { Dataset } from '../../core/formats';
import type { ModelBiasReport } from '../../core/bias';

/** Files remembered at most (the oldest is forgotten first). */
const MAX_FILES = 8;

const byFile = new Map<string, Map<string, ModelBiasReport>>();

/**
 * A file's identity by content (FNV-1a over every line's text), not by name or by the parsed object: choosing
 * the same file again after loading another model finds the first model's report.
 */
export function datasetKey(dataset: Dataset): string {
  let h = 0x811c9dc5;
  for (const r of dataset.records) {
    for (let i = 0; i < r.text.length; i++) h = Math.imul(h ^ r.text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x0a, 0x01000193); // the line break, so lines "ab","c" differ from "a","bc"
  }
  return `${dataset.records.length}:${(h >>> 0).toString(16)}`;
}

/**
 * Records `entry` for the file and returns what to show: the most recent report of another model for the same
 * file (if any), then this one.
 */
export function rememberBiasReport(fileKey: string, entry: ModelBiasReport): ModelBiasReport[] {
  const models = byFile.get(fileKey) ?? new Map<string, ModelBiasReport>();
  byFile.delete(fileKey);
  byFile.set(fileKey, models); // most recently used last
  while (byFile.size > MAX_FILES) byFile.delete(byFile.keys().next().value!);
  models.delete(entry.model);
  const previous = [...models.values()].at(-1);
  models.set(entry.model, entry);
  return previous ? [previous, entry] : [entry];
}

/** Forgets every report (tests). */
export function clearBiasHistory(): void {
  byFile.clear();
}
