/**
 * Scores every valid record of a dataset through the worker (the Batch view and the model check). Every input of
 * every row is sorted by length and sent in large chunks, so the engine's length buckets (engine/batching.ts) are
 * dense: a chunk holds inputs of about one length, and the engine tokenizes a whole chunk before it runs it. File
 * order in small chunks padded short answers to long ones and cut batches short. Progress is smooth (the engine
 * reports each batch), cancel takes effect between batches, and one bad input fails only its own row (a failed
 * chunk is retried row by row).
 */
import type { DatasetRecord, ItemScore } from '../../core/formats';
import { rowItems } from '../../core/formats';
import type { ScoreInput } from '../../core/types';
import type { ScoreOptions } from '../../engine/contract';
import { cancellable, engine, errorMessage, isCancelled } from '../engine-bridge';

/**
 * Inputs per engine call: enough for the engine to fill its batches (up to 32 inputs or 8192 padded tokens,
 * DEFAULT_BATCH_PLAN) with inputs of one length, few enough that a cancelled Batch run loses little.
 */
export const CHUNK_INPUTS = 128;

/** Progress: inputs scored, of all, and the share of the work done (weighted by length, for a time estimate). */
export type BatchProgress = (done: number, total: number, workDone: number) => void;

export interface BatchRun {
  /** Resolves with what was scored; after a cancel, rows not wholly scored stay undefined ("not scored"). */
  promise: Promise<{ scores: (ItemScore[] | undefined)[]; cancelled: boolean }>;
  cancel(): void;
}

interface Item {
  row: number;
  /** Position in the row's rowItems order. */
  slot: number;
  input: ScoreInput;
  /** Characters the model reads: the length proxy sorting and the time estimate use. */
  length: number;
}

function inputLength(input: ScoreInput): number {
  let n = input.response.length;
  for (const turn of input.conversation.turns) n += turn.content.length;
  return n;
}

/** Every input of the valid rows, shortest first (ties in file order). */
export function sortedItems(records: readonly DatasetRecord[]): Item[] {
  const items: Item[] = [];
  records.forEach((r, row) => {
    if (!r.row) return;
    rowItems(r.row).forEach((it, slot) =>
      items.push({ row, slot, input: it.input, length: inputLength(it.input) }),
    );
  });
  return items.sort((a, b) => a.length - b.length);
}

export function runBatch(
  handle: string,
  records: readonly DatasetRecord[],
  options: Omit<ScoreOptions, 'signal' | 'onProgress'>,
  onProgress: BatchProgress,
): BatchRun {
  let cancelled = false;
  let current: { cancel(): void } | null = null;
  const items = sortedItems(records);
  const total = items.length;
  // A fixed cost per input besides its length, so a set of empty answers still shows progress.
  const work = (it: Item) => it.length + 200;
  const totalWork = items.reduce((a, it) => a + work(it), 0) || 1;
  const scored: (ItemScore | undefined)[][] = records.map((r) =>
    r.row ? rowItems(r.row).map(() => undefined) : [],
  );
  /** Rows whose own inputs failed: every input of the row reports the error, as the row is one unit. */
  const rowErrors = new Map<number, string>();
  let done = 0;
  let workDone = 0;

  /** Scores `chunk` in one call; progress counts its inputs in order (the engine runs them about shortest first). */
  const scoreItems = async (chunk: Item[]) => {
    const call = cancellable((signal) =>
      engine().score(
        handle,
        chunk.map((it) => it.input),
        {
          ...options,
          signal,
          onProgress: (d) => {
            const w = chunk.slice(0, d).reduce((a, it) => a + work(it), 0);
            onProgress(done + d, total, (workDone + w) / totalWork);
          },
        },
      ),
    );
    current = call;
    const results = await call.promise;
    chunk.forEach((it, k) => (scored[it.row]![it.slot] = results[k]));
  };
  const account = (chunk: Item[]) => {
    done += chunk.length;
    workDone += chunk.reduce((a, it) => a + work(it), 0);
    onProgress(done, total, workDone / totalWork);
  };

  const promise = (async () => {
    try {
      for (let start = 0; start < items.length && !cancelled; start += CHUNK_INPUTS) {
        const chunk = items.slice(start, start + CHUNK_INPUTS);
        try {
          await scoreItems(chunk);
        } catch (e) {
          if (cancelled || isCancelled(e)) throw e;
          // Find the culprit: each row's inputs of this chunk on their own, recording the row's own error.
          const byRow = new Map<number, Item[]>();
          for (const it of chunk) byRow.set(it.row, [...(byRow.get(it.row) ?? []), it]);
          for (const rowItemsOfChunk of byRow.values()) {
            if (cancelled) throw e;
            try {
              await scoreItems(rowItemsOfChunk);
            } catch (rowErr) {
              if (cancelled || isCancelled(rowErr)) throw rowErr;
              rowErrors.set(rowItemsOfChunk[0]!.row, errorMessage(rowErr));
            }
          }
        }
        account(chunk);
      }
    } catch (e) {
      if (!(cancelled || isCancelled(e))) throw e;
      cancelled = true; // also when the engine reports the cancel (e.g. another view cancelled the request)
    }
    const scores = records.map((r, i): ItemScore[] | undefined => {
      const error = rowErrors.get(i);
      if (error !== undefined) return scored[i]!.map(() => ({ error }));
      const row = scored[i]!;
      return r.row && row.every((s) => s !== undefined) ? (row as ItemScore[]) : undefined;
    });
    return { scores, cancelled };
  })();

  return {
    promise,
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
