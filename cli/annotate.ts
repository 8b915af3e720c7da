/**
 * `annotate IN.jsonl -o OUT.jsonl`: scores every row and writes it back with its scores (NeMo rows get
 * each assistant turn's `label`, other formats score fields), one output line per input line, malformed
 * lines kept with their error. Resumable: rows already in OUT are skipped, so an interrupted run picks up
 * where it stopped (a half-written last line is dropped and redone).
 */
import { existsSync } from 'node:fs';
import { open, readFile, truncate } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RewardError } from '../src/core/errors';
import { type DatasetRecord, scoredRecord } from '../src/core/formats';
import type { RewardBackend } from '../src/engine/types';
import { startProgress } from './progress';
import { type FormatChoice, readDataset } from './read-dataset';
import { scoreRecords } from './score-records';

export interface AnnotateOptions {
  input: string;
  output: string;
  format: FormatChoice;
  chunkRows: number;
  truncate: boolean;
  overwrite: boolean;
  progress: boolean;
  /** Loads the model only when there is something left to score. */
  load: () => Promise<RewardBackend>;
  log: (line: string) => void;
  shouldStop?: () => boolean;
}

export interface AnnotateSummary {
  format: string;
  rows: number;
  resumed: number;
  written: number;
  errors: { line: number; message: string }[];
  /** The backend's standing warnings, e.g. scores that look like probabilities (remote engines). */
  warnings: string[];
  interrupted: boolean;
}

/** Complete rows already in OUT; a trailing partial line (killed mid-write) is cut off. */
async function rowsAlreadyWritten(path: string, records: readonly DatasetRecord[]): Promise<number> {
  if (!existsSync(path)) return 0;
  const text = await readFile(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) await truncate(path, Buffer.byteLength(text.slice(0, end)));
  const lines = text.slice(0, end).split('\n').slice(0, -1);
  if (lines.length > records.length) {
    throw new RewardError(
      'input',
      `${path} already has ${lines.length} rows but the input has ${records.length}: it is not this input's output (use --overwrite to start again)`,
    );
  }
  lines.forEach((l, i) => {
    try {
      JSON.parse(l);
    } catch {
      throw new RewardError(
        'input',
        `${path} line ${i + 1} is not JSON: not a file this command wrote (use --overwrite)`,
      );
    }
  });
  return lines.length;
}

export async function annotate(o: AnnotateOptions): Promise<AnnotateSummary> {
  if (resolve(o.input) === resolve(o.output))
    throw new RewardError('input', 'The output file must differ from the input file.');
  const dataset = await readDataset(o.input, o.format);
  const { records } = dataset;
  if (o.overwrite && existsSync(o.output)) await truncate(o.output, 0);
  const done = await rowsAlreadyWritten(o.output, records);
  if (done > 0) o.log(`Resuming: ${done} of ${records.length} rows are already in ${o.output}.`);

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
    const file = await open(o.output, 'a');
    const bar = startProgress(records.length, done, 'annotate', o.progress);
    try {
      await scoreRecords(backend, remaining, {
        chunkRows: o.chunkRows,
        truncate: o.truncate,
        shouldStop: o.shouldStop,
        onChunk: async (chunk, scores) => {
          const out = chunk.map((r, i) => {
            const obj = scoredRecord(r, scores[i]);
            if (typeof obj.error === 'string') summary.errors.push({ line: r.line, message: obj.error });
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
  }
  return summary;
}
