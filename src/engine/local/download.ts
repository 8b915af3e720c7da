/**
 * Downloads one model file over HTTP with byte progress, through the browser's Cache API when there is
 * one (the same cache transformers.js uses, so "cached" means the same thing for every file).
 * Hand-written because transformers.js keeps its own `getModelFile` private.
 */
import { RewardError } from '../../core/errors';
import type { FetchedFile, FileFetchOptions } from '../runtime';

export const MODEL_CACHE_NAME = 'transformers-cache';

async function openCache(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(MODEL_CACHE_NAME);
  } catch {
    return null; // opaque origins and some private modes have no Cache API
  }
}

async function readWithProgress(
  response: Response,
  url: string,
  options: FileFetchOptions,
): Promise<Uint8Array> {
  const total = Number(response.headers.get('content-length') ?? 0);
  const file = url.split('/').slice(-2).join('/');
  const report = (loaded: number) =>
    options.onProgress?.({
      kind: 'download',
      file,
      loadedBytes: loaded,
      totalBytes: total || loaded,
      filesDone: (options.filesDone ?? 0) + (total && loaded >= total ? 1 : 0),
      filesTotal: options.filesTotal ?? 1,
    });
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.length);
    return bytes;
  }
  const reader = response.body.getReader();
  // With a known length (and no content encoding, which makes it the compressed size) the bytes go straight
  // into one buffer: a large model is never held twice (chunks, then their copy).
  const exact = total > 0 && !response.headers.get('content-encoding');
  const bytes = new Uint8Array(exact ? total : 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (exact && loaded + value.length <= bytes.length) bytes.set(value, loaded);
    else chunks.push(value);
    loaded += value.length;
    report(loaded);
  }
  if (exact && chunks.length === 0) return loaded === bytes.length ? bytes : bytes.subarray(0, loaded);
  // Unknown length, or a server that sent more than it announced: join what came.
  const head = exact ? bytes.subarray(0, Math.min(loaded, bytes.length)) : new Uint8Array(0);
  const joined = new Uint8Array(loaded);
  joined.set(head, 0);
  let offset = head.length;
  for (const c of chunks) {
    joined.set(c, offset);
    offset += c.length;
  }
  return joined;
}

/** Why a downloaded file could not be kept in the Cache API, in words a user can act on. */
function cacheFailure(e: unknown, url: string, size: number): string {
  const file = url.split('/').pop() ?? url;
  const mb = (size / 1e6).toFixed(1);
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return `${file} (${mb} MB) was not kept for next time: this site's storage quota is exceeded. It runs now, and will be downloaded again on the next visit; free space in the browser's site settings to keep it.`;
  }
  return `${file} (${mb} MB) was not kept for next time: the browser's cache refused it (${e instanceof Error ? e.message : String(e)}).`;
}

export async function downloadFile(
  url: string,
  options: FileFetchOptions = {},
  useCache = true,
): Promise<FetchedFile> {
  const cache = useCache ? await openCache() : null;
  const hit = await cache?.match(url);
  if (hit) return { bytes: await readWithProgress(hit, url, options), cached: true };
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw new RewardError('cancelled', 'Loading was cancelled.');
    throw new RewardError(
      'network',
      `Could not reach ${url}: ${e instanceof Error ? e.message : String(e)}.`,
      { url },
    );
  }
  if (!response.ok) {
    throw new RewardError('http', `${url} answered ${response.status} ${response.statusText}.`, {
      url,
      status: response.status,
    });
  }
  // Dev servers and SPA hosts answer a missing file with their index.html and a 200.
  if (/text\/html/i.test(response.headers.get('content-type') ?? '') && !/\.html?$/i.test(url)) {
    throw new RewardError('http', `${url} answered with an HTML page, not the file: it is missing there.`, {
      url,
      status: 404,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readWithProgress(response, url, options);
  } catch (e) {
    // Cancelled mid-body: the reader rejects with the signal's AbortError.
    if (options.signal?.aborted) throw new RewardError('cancelled', 'Loading was cancelled.');
    throw new RewardError(
      'network',
      `${url} broke off while downloading: ${e instanceof Error ? e.message : String(e)}.`,
      { url },
    );
  }
  if (cache) {
    const headers = new Headers(response.headers);
    headers.set('content-length', String(bytes.length));
    try {
      await cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
    } catch (e) {
      // Still usable now: the load goes on and says why the next one will download again.
      return { bytes, cached: false, cacheError: cacheFailure(e, url, bytes.length) };
    }
  }
  return { bytes, cached: false };
}

/**
 * The first bytes of a file, or null when the server does not have it (an error status, or an HTML page
 * in its place: dev servers and SPA hosts answer a missing path with index.html and a 200). Asks for a
 * byte range and stops reading after the first chunk, so a server that ignores ranges costs one chunk.
 */
export async function peekUrl(url: string, signal?: AbortSignal, bytes = 16): Promise<Uint8Array | null> {
  let response: Response;
  try {
    // no-store: a partial answer never enters (or is read from) the HTTP cache entry that the full
    // download of the same file uses, even when both are in flight at once.
    response = await fetch(url, { headers: { Range: `bytes=0-${bytes - 1}` }, cache: 'no-store', signal });
  } catch (e) {
    if (signal?.aborted) throw new RewardError('cancelled', 'Loading was cancelled.');
    throw new RewardError(
      'network',
      `Could not reach ${url}: ${e instanceof Error ? e.message : String(e)}.`,
      { url },
    );
  }
  const html = /text\/html/i.test(response.headers.get('content-type') ?? '');
  if (!response.ok || html || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  const reader = response.body.getReader();
  const head = new Uint8Array(bytes);
  let filled = 0;
  try {
    while (filled < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = value.subarray(0, bytes - filled);
      head.set(take, filled);
      filled += take.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return head.subarray(0, filled);
}

/** `{host}/{id}/resolve/{revision}/{file}`: the Hub's layout, also served by our test mirror. */
export function hubFileUrl(host: string, id: string, revision: string | undefined, file: string): string {
  const base = host.endsWith('/') ? host : `${host}/`;
  return `${base}${id}/resolve/${encodeURIComponent(revision ?? 'main')}/${file}`;
}
