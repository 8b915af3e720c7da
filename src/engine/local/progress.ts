/**
 * Turns transformers.js's per-file progress callbacks into our LoadProgress events (each file's bytes).
 */
import type { LoadProgress } from '../contract';

interface TransformersProgress {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

export function transformersProgressAdapter(
  onProgress: ((p: LoadProgress) => void) | undefined,
): (event: unknown) => void {
  const files = new Map<string, { loaded: number; total: number; done: boolean }>();
  return (raw) => {
    if (!onProgress || typeof raw !== 'object' || raw === null) return;
    const event = raw as TransformersProgress;
    if (!event.file) return;
    const entry = files.get(event.file) ?? { loaded: 0, total: 0, done: false };
    files.set(event.file, entry);
    if (event.status === 'progress') {
      entry.loaded = event.loaded ?? entry.loaded;
      entry.total = event.total ?? entry.total;
    } else if (event.status === 'done') {
      entry.done = true;
      entry.loaded = Math.max(entry.loaded, entry.total);
    } else if (event.status !== 'initiate' && event.status !== 'download') {
      return;
    }
    let filesDone = 0;
    for (const f of files.values()) if (f.done) filesDone += 1;
    // This file's own bytes, as every other download event reports them: the panel sums files by name, and
    // running totals here (summed again there) made the same model's size depend on which file finished last.
    onProgress({
      kind: 'download',
      file: event.file,
      loadedBytes: entry.loaded,
      totalBytes: entry.total,
      filesDone,
      filesTotal: files.size,
    });
  };
}
