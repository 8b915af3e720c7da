/**
 * `annotate IN.jsonl -o OUT.jsonl`: scores every row and writes it back with its scores (NeMo rows get
 * each assistant turn's `label`, other formats score fields), one output line per input line, malformed
 * lines kept with their error; every output row carries its input line number (`input_line`). Resumable:
 * rows already in OUT are skipped, so an interrupted run picks up where it stopped (a half-written last line
 * is dropped and redone) -- but only once OUT is proven to be this command's output for this input (see
 * annotate-output.ts); any other existing file is left untouched unless --overwrite replaces it.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RewardError } from '../src/core/errors';
import { type LineError, readDatasetFile, scoredRecord } from '../src/core/formats';
import type { ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import {
  checkOutputPath,
  LINE_FIELD,
  lineFieldClashes,
  planOutput,
  prepareOutput,
  sha256,
  withInputLine,
} from './annotate-output';
import { EXPLAIN_FIELD, explainChunk, explainFieldClashes } from './annotate-explain';
import { startProgress } from './progress';
import { type FormatChoice, readInputBytes } from './read-dataset';
import { scoreRecords } from './score-records';

export interface AnnotateOptions {
  input: string;
  output: string;
  format: FormatChoice;
  chunkRows: number;
  truncate: boolean;
  /** How outputs become a score (--alpha); default the model's own. */
  scoring?: ScoringSettings;
  overwrite: boolean;
  progress: boolean;
  /** Add each response's leave-one-out attributions to its row (field `explain`, annotate-explain.ts). */
  explain?: boolean;
  /** The model the rows are scored with (kept in the resume marker; a resume with another is refused). */
  model?: string;
  /** Loads the model only when there is something left to score. */
  load: () => Promise<Model>;
  log: (line: string) => void;
  shouldStop?: () => boolean;
}

export interface AnnotateSummary {
  format: string;
  rows: number;
  resumed: number;
  written: number;
  errors: LineError[];
  /** The backend's standing warnings, e.g. scores that look like probabilities (remote engines). */
  warnings: string[];
  interrupted: boolean;
}

export async function annotate(o: AnnotateOptions): Promise<AnnotateSummary> {
  await checkOutputPath(o.input, o.output);
  const bytes = await readInputBytes(o.input);
  const dataset = await readDatasetFile(bytes, o.input, { format: o.format });
  const { records } = dataset;
  const clashes = lineFieldClashes(records);
  if (clashes.length > 0) {
    throw new RewardError(
      'input',
      `${o.input} line ${clashes[0]} already has an "${LINE_FIELD}" field; annotate writes each row's input line number there, so rename that field first (${clashes.length} row(s) have it).`,
    );
  }
  const taken = o.explain ? explainFieldClashes(records) : [];
  if (taken.length > 0) {
    throw new RewardError(
      'input',
      `${o.input} line ${taken[0]} already has an "${EXPLAIN_FIELD}" field; annotate --explain writes attributions there, so rename that field first (${taken.length} row(s) have it).`,
    );
  }
  const inputSha256 = sha256(bytes);
  const plan = await planOutput({
    output: o.output,
    overwrite: o.overwrite,
    inputSha256,
    records,
    model: o.model,
  });
  const done = plan.kind === 'resume' ? plan.done : 0;
  if (done > 0) o.log(`Resuming: ${done} of ${records.length} rows are already in ${o.output}.`);
  const marker = {
    version: 1 as const,
    tool: 'reward-playground annotate' as const,
    input: { path: resolve(o.input), sha256: inputSha256, rows: records.length },
    format: dataset.format,
    ...(o.model ? { model: o.model } : {}),
  };

  const summary: AnnotateSummary = {
    format: dataset.format,
    rows: records.length,
    resumed: done,
    written: 0,
    errors: [],
    warnings: [],
    interrupted: false,
  };
  const remaining = records.slice(done);
  if (remaining.length > 0) {
    const backend = await o.load();
    let file: FileHandle;
    try {
      await prepareOutput(o.output, plan, marker);
      file = await open(o.output, 'a');
    } catch (e) {
      await backend.dispose();
      throw e;
    }
    const bar = startProgress(records.length, done, 'annotate', o.progress);
    try {
      await scoreRecords(backend, remaining, {
        chunkRows: o.chunkRows,
        truncate: o.truncate,
        scoring: o.scoring,
        shouldStop: o.shouldStop,
        onChunk: async (chunk, scores) => {
          const explained = o.explain
            ? await explainChunk(backend, chunk, { ...o.scoring, truncate: o.truncate })
            : [];
          const out = chunk.map((r, i) => {
            const row = explained[i];
            const obj = withInputLine(
              row ? { ...scoredRecord(r, scores[i]), [EXPLAIN_FIELD]: row } : scoredRecord(r, scores[i]),
              r.line,
            );
            if (typeof obj.error === 'string')
              summary.errors.push({
                line: r.line,
                message: obj.error,
                ...(r.field ? { field: r.field } : {}),
              });
            return JSON.stringify(obj) + '\n';
          });
          await file.write(out.join(''));
          await file.datasync();
          summary.written += chunk.length;
          bar.increment(chunk.length);
        },
      });
    } finally {
      bar.stop();
      summary.warnings = [...(backend.warnings ?? [])];
      await file.close();
      await backend.dispose();
    }
    summary.interrupted = done + summary.written < records.length;
  } else if (plan.kind === 'new') {
    // Nothing to score (an empty input): still leave an empty OUT with its marker.
    await prepareOutput(o.output, plan, marker);
  }
  return summary;
}
