/** The model panel's account of the files a load read: how many, from where, how large. */
import type { ModelSpec } from '../../core/types';
import { fmtBytes } from '../components/format';

/** Bytes of one file, by its path in the model folder (LoadProgress 'download' events, one entry per file). */
export interface FileBytes {
  loaded: number;
  total: number;
}

export function filesTotals(files: Record<string, FileBytes> | undefined): {
  count: number;
  done: number;
  loadedBytes: number;
  totalBytes: number;
} {
  const list = Object.values(files ?? {});
  return {
    count: list.length,
    done: list.filter((f) => f.total > 0 && f.loaded >= f.total).length,
    loadedBytes: list.reduce((a, f) => a + f.loaded, 0),
    totalBytes: list.reduce((a, f) => a + f.total, 0),
  };
}

/** "downloaded 3 files, 23.9 MiB", or for a folder opened from disk "read 3 files from disk, 23.9 MiB". */
export function filesSummary(files: Record<string, FileBytes> | undefined, spec: ModelSpec | null): string {
  const { count, totalBytes } = filesTotals(files);
  const local = spec?.kind === 'local' && (spec.source.type === 'files' || spec.source.type === 'path');
  const what = `${count} file${count === 1 ? '' : 's'}`;
  return `${local ? `read ${what} from disk` : `downloaded ${what}`}${totalBytes ? `, ${fmtBytes(totalBytes)}` : ''}`;
}
