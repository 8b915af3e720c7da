/**
 * Turns transformers.js's per-file progress callbacks into our LoadProgress events (bytes and files).
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
    let loadedBytes = 0;
    let totalBytes = 0;
    let filesDone = 0;
    for (const f of files.values()) {
      loadedBytes += f.loaded;
      totalBytes += f.total;
      if (f.done) filesDone += 1;
    }
    onProgress({
      kind: 'download',
      file: event.file,
      loadedBytes,
      totalBytes,
      filesDone,
      filesTotal: files.size,
    });
  };
}
