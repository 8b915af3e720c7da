/**
 * Scores dataset records in chunks through one backend, keeping every failure with its record:
 * a chunk is one score() call (the engine batches inside); if it fails, its inputs are retried one by
 * one so a single bad input (e.g. too long with truncation off) only marks its own row.
 */
import { isRewardError } from '../src/core/errors';
import type { DatasetRecord, ItemScore } from '../src/core/formats';
import { rowItems } from '../src/core/formats';
import type { ScoreInput, ScoringSettings } from '../src/core/types';
import type { Model, ScoreOptions } from '../src/engine/contract';

export interface ScoreRecordsOptions {
  /** Records per score() call. */
  chunkRows: number;
  truncate: boolean;
  /** How outputs become a score (--alpha); default the model's own. */
  scoring?: ScoringSettings;
  /** Called after each chunk, in order, with the chunk's records and their scores. */
  onChunk: (records: DatasetRecord[], scores: (ItemScore[] | undefined)[]) => void | Promise<void>;
  /** Checked between chunks: true stops cleanly after the chunk in flight (Ctrl-C). */
  shouldStop?: () => boolean;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Failures of the engine or the connection, not of a row: writing them as row errors would mark the rows
 * done (resume skips them), so they stop the run instead and the rows stay to be scored on resume.
 */
const TRANSIENT = new Set(['network', 'timeout', 'auth', 'rate_limited', 'cancelled', 'http']);
function rethrowIfTransient(e: unknown): void {
  if (isRewardError(e) && TRANSIENT.has(e.code)) throw e;
}

async function scoreInputs(
  backend: Model,
  inputs: ScoreInput[],
  options: ScoreOptions,
): Promise<ItemScore[]> {
  if (inputs.length === 0) return [];
  try {
    return await backend.score(inputs, options);
  } catch (e) {
    rethrowIfTransient(e);
    if (inputs.length === 1) return [{ error: messageOf(e) }];
    const out: ItemScore[] = [];
    for (const input of inputs) {
      try {
        const [r] = await backend.score([input], options);
        out.push(r ?? { error: 'the engine returned no result' });
      } catch (err) {
        rethrowIfTransient(err);
        out.push({ error: messageOf(err) });
      }
    }
    return out;
  }
}

export async function scoreRecords(
  backend: Model,
  records: readonly DatasetRecord[],
  opts: ScoreRecordsOptions,
): Promise<void> {
  for (let start = 0; start < records.length; start += opts.chunkRows) {
    if (opts.shouldStop?.()) return;
    const chunk = records.slice(start, start + opts.chunkRows);
    const inputs: ScoreInput[] = [];
    const spans = chunk.map((r) => {
      if (!r.row) return undefined;
      const items = rowItems(r.row);
      const from = inputs.length;
      inputs.push(...items.map((i) => i.input));
      return [from, from + items.length] as const;
    });
    const results = await scoreInputs(backend, inputs, { ...opts.scoring, truncate: opts.truncate });
    await opts.onChunk(
      chunk,
      spans.map((s) => (s ? results.slice(s[0], s[1]) : undefined)),
    );
  }
}
