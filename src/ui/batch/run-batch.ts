/**
 * Scores every valid record of a dataset through the worker, in chunks, so progress is smooth, cancel takes
 * effect between chunks, and one bad input fails only its own row (a failed chunk is retried row by row).
 */
import type { DatasetRecord, ItemScore } from '../../core/formats';
import { rowItems } from '../../core/formats';
import type { ScoreOptions } from '../../engine/contract';
import { cancellable, engine, errorMessage, isCancelled } from '../engine-bridge';

const CHUNK_INPUTS = 16;

export interface BatchRun {
  /** Resolves with what was scored; after a cancel, the rest stays undefined ("not scored"). */
  promise: Promise<{ scores: (ItemScore[] | undefined)[]; cancelled: boolean }>;
  cancel(): void;
}

export function runBatch(
  handle: string,
  records: readonly DatasetRecord[],
  options: Omit<ScoreOptions, 'signal' | 'onProgress'>,
  onProgress: (done: number, total: number) => void,
): BatchRun {
  let cancelled = false;
  let current: { cancel(): void } | null = null;
  const total = records.reduce((n, r) => n + (r.row ? rowItems(r.row).length : 0), 0);

  const scoreRows = async (rows: number[], out: (ItemScore[] | undefined)[], doneBefore: number) => {
    const inputs = rows.flatMap((i) => rowItems(records[i]!.row!).map((it) => it.input));
    const call = cancellable((signal) =>
      engine().score(handle, inputs, {
        ...options,
        signal,
        onProgress: (d) => onProgress(doneBefore + d, total),
      }),
    );
    current = call;
    const results = await call.promise;
    let k = 0;
    for (const i of rows) {
      const n = rowItems(records[i]!.row!).length;
      out[i] = results.slice(k, k + n);
      k += n;
    }
    return inputs.length;
  };

  const promise = (async () => {
    const out: (ItemScore[] | undefined)[] = records.map(() => undefined);
    const valid = records.map((r, i) => (r.row ? i : -1)).filter((i) => i >= 0);
    let done = 0;
    let chunk: number[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const rows = chunk;
      chunk = [];
      size = 0;
      try {
        done += await scoreRows(rows, out, done);
      } catch (e) {
        if (cancelled || isCancelled(e)) throw e;
        // Find the culprit: score the chunk's rows one by one, recording each row's own error.
        for (const i of rows) {
          if (cancelled) throw e;
          const n = rowItems(records[i]!.row!).length;
          try {
            done += await scoreRows([i], out, done);
          } catch (rowErr) {
            if (cancelled || isCancelled(rowErr)) throw rowErr;
            out[i] = Array.from({ length: n }, () => ({ error: errorMessage(rowErr) }));
            done += n;
          }
        }
      }
      onProgress(done, total);
    };
    try {
      for (const i of valid) {
        if (cancelled) break;
        chunk.push(i);
        size += rowItems(records[i]!.row!).length;
        if (size >= CHUNK_INPUTS) await flush();
      }
      if (!cancelled) await flush();
    } catch (e) {
      if (!(cancelled || isCancelled(e))) throw e;
      cancelled = true; // also when the engine reports the cancel (e.g. another view cancelled the request)
    }
    return { scores: out, cancelled };
  })();

  return {
    promise,
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
