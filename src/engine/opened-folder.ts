/**
 * A model folder the user opened in the browser (ModelSource 'files'): its files are Blobs, read without any
 * server. transformers.js reads tokenizer files through `env.fetch`; for an opened folder the browser runtime
 * points it at a URL prefix of its own that `folderFetch` answers from the Blobs (the real fetch otherwise).
 */
import { RewardError } from '../core/errors';
import type { FetchedFile, FileFetchOptions } from './runtime';

type FilesSource = {
  type: 'files';
  name: string;
  fingerprint: string;
  files: Readonly<Record<string, Blob>>;
};

/** The URL prefix under which an opened folder's files are answered (never sent to the network). */
export function folderUrlPrefix(appBase: string, source: FilesSource): string {
  return `${appBase}__opened-folder__/${encodeURIComponent(source.fingerprint)}/`;
}

const served = new Map<string, FilesSource>();

/** Lets `folderFetch` answer for this folder (one at a time is enough: loads are serialised). */
export function serveFolder(appBase: string, source: FilesSource): string {
  const prefix = folderUrlPrefix(appBase, source);
  served.clear();
  served.set(prefix, source);
  return prefix;
}

/** A fetch that answers an opened folder's URLs from its files and passes every other request on. */
type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export function folderFetch(realFetch: FetchLike): FetchLike {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input.href;
    for (const [prefix, source] of served) {
      if (!url.startsWith(prefix)) continue;
      // transformers.js asks for `{prefix}{model}/resolve/{revision}/{file}`.
      const file = decodeURIComponent(url.slice(prefix.length).replace(/^[^/]*\/resolve\/[^/]*\//, ''));
      const blob = source.files[file];
      return blob
        ? new Response(blob, { status: 200, headers: { 'content-length': String(blob.size) } })
        : new Response(`${file} is not in the opened folder ${source.name}`, { status: 404 });
    }
    return realFetch(input, init);
  };
}

export function folderFile(source: FilesSource, file: string): Blob | null {
  return source.files[file] ?? null;
}

/** Reads one file of the folder, with byte progress as a download would report it. */
export async function readFolderFile(
  source: FilesSource,
  file: string,
  options: FileFetchOptions = {},
): Promise<FetchedFile> {
  const blob = folderFile(source, file);
  if (!blob) {
    throw new RewardError('model', `File not found: the opened folder ${source.name} has no ${file}.`, {
      field: file,
      status: 404,
    });
  }
  if (options.signal?.aborted) throw new RewardError('cancelled', 'Load cancelled.');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await blob.arrayBuffer());
  } catch (e) {
    // A file moved or deleted since it was picked.
    throw new RewardError(
      'model',
      `Cannot read ${file} of the opened folder ${source.name}: ${(e as Error).message}`,
      {
        field: file,
      },
    );
  }
  options.onProgress?.({
    kind: 'download',
    file,
    loadedBytes: bytes.length,
    totalBytes: bytes.length,
    filesDone: (options.filesDone ?? 0) + 1,
    filesTotal: options.filesTotal ?? 1,
  });
  return { bytes, cached: false };
}

export async function peekFolderFile(
  source: FilesSource,
  file: string,
  bytes = 16,
): Promise<Uint8Array | null> {
  const blob = folderFile(source, file);
  if (!blob) return null;
  try {
    return new Uint8Array(await blob.slice(0, bytes).arrayBuffer());
  } catch {
    return null;
  }
}
