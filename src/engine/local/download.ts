/**
 * Downloads one model file over HTTP with byte progress, through the browser's Cache API when there is
 * one (the same cache transformers.js uses, so "cached" means the same thing for every file): a first download
 * streams into the cache and is read back from it, so the file is held in memory once. Hand-written because
 * transformers.js keeps its own `getModelFile` private (and reads the whole body before caching it).
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

/** Reports one file's download progress as its bytes arrive. */
function progressReporter(response: Response, url: string, options: FileFetchOptions) {
  const total = Number(response.headers.get('content-length') ?? 0);
  const file = url.split('/').slice(-2).join('/');
  return (loaded: number) =>
    options.onProgress?.({
      kind: 'download',
      file,
      loadedBytes: loaded,
      totalBytes: total || loaded,
      filesDone: (options.filesDone ?? 0) + (total && loaded >= total ? 1 : 0),
      filesTotal: options.filesTotal ?? 1,
    });
}

async function readWithProgress(
  response: Response,
  url: string,
  options: FileFetchOptions,
): Promise<Uint8Array> {
  const total = Number(response.headers.get('content-length') ?? 0);
  const report = progressReporter(response, url, options);
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
    // A body read from the cache is not tied to the request's signal: cancelling must stop it too.
    if (options.signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      throw new RewardError('cancelled', 'Loading was cancelled.');
    }
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
  const size = Number(response.headers.get('content-length') ?? 0);
  const overQuota = cache && response.body ? await exceedsQuota(size) : false;
  if (cache && response.body && !overQuota) {
    const kept = await keepInCache(cache, response, url, options);
    if (!kept.ok && (kept.networkError !== undefined || options.signal?.aborted))
      throw downloadError(url, kept.networkError, options.signal);
    // Why the stored copy cannot be used: the cache refused the body (a full quota is usually seen before the
    // first byte, above), or it could not be read back.
    let refusal: unknown = kept.ok
      ? new Error('the copy was gone as soon as it was stored')
      : kept.cacheError;
    if (kept.ok) {
      try {
        const stored = await cache.match(url);
        if (stored)
          return { bytes: await readWithProgress(stored, url, { signal: options.signal }), cached: false };
      } catch (e) {
        if (options.signal?.aborted) throw downloadError(url, e, options.signal);
        refusal = e;
      }
    }
    // Download again straight into memory, and say why the next load will download too.
    const again = await downloadFile(url, options, false);
    return { ...again, cacheError: cacheFailure(refusal, url, again.bytes.length) };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readWithProgress(response, url, options);
  } catch (e) {
    throw downloadError(url, e, options.signal);
  }
  if (!overQuota) return { bytes, cached: false };
  const quota = new DOMException('over quota', 'QuotaExceededError');
  return { bytes, cached: false, cacheError: cacheFailure(quota, url, bytes.length) };
}

/** Whether this origin's storage has less room left than `size` bytes (unknown counts as room). */
async function exceedsQuota(size: number): Promise<boolean> {
  if (!size || typeof navigator === 'undefined' || !navigator.storage?.estimate) return false;
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return quota !== undefined && usage !== undefined && quota - usage < size;
  } catch {
    return false;
  }
}

/** Cancelled, or the body broke off mid-download. */
function downloadError(url: string, e: unknown, signal?: AbortSignal): RewardError {
  // Cancelled mid-body: the reader rejects with the signal's AbortError.
  if (signal?.aborted) return new RewardError('cancelled', 'Loading was cancelled.');
  return new RewardError(
    'network',
    `${url} broke off while downloading: ${e instanceof Error ? e.message : String(e)}.`,
    { url },
  );
}

/**
 * Streams a response's body into the cache as it arrives, reporting progress, and holds none of it: the caller
 * reads the stored copy back from disk. Reading the body into memory and then putting a Response built from
 * those bytes held the file three times at once (the bytes, the Response's copy, the browser's blob of it);
 * a tee still kept the bytes in the worker while the browser buffered its branch (BENCHMARKS.md, "Real scale").
 */
async function keepInCache(
  cache: Cache,
  response: Response,
  url: string,
  options: FileFetchOptions,
): Promise<{ ok: true } | { ok: false; networkError?: unknown; cacheError?: unknown }> {
  const report = progressReporter(response, url, options);
  const reader = response.body!.getReader();
  let loaded = 0;
  let networkError: unknown;
  let cancelled = false; // by the cache giving up: what the body does after that is not a network failure
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (cancelled) return;
        networkError = e ?? new Error('the connection closed');
        controller.error(networkError);
        return;
      }
      if (cancelled) return;
      if (chunk.done) return controller.close();
      loaded += chunk.value.length;
      report(loaded);
      controller.enqueue(chunk.value);
    },
    cancel: (reason) => {
      cancelled = true;
      return reader.cancel(reason);
    },
  });
  try {
    await cache.put(url, new Response(counted, { headers: storedHeaders(response.headers) }));
    return { ok: true };
  } catch (e) {
    if (networkError !== undefined) return { ok: false, networkError };
    await reader.cancel().catch(() => undefined); // a cache that gave up early leaves the rest of the body unread
    return { ok: false, cacheError: e };
  }
}

/** The headers a cached copy keeps: its body is stored decoded, so an encoding (and the length it had) would lie. */
function storedHeaders(received: Headers): Headers {
  const headers = new Headers(received);
  if (headers.has('content-encoding')) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  return headers;
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
