/**
 * local/download.ts through a Cache API (the browser's path; Node has none, so the test gives it one): a first
 * download streams into the cache and is read back from it; a cache that gives up mid-way costs a second download,
 * not the load, and says why; a body that breaks off is a network error and a cancel is a cancel, whatever the cache
 * does. The downloads are real HTTP over a local socket; the cache is a stand-in that stores what it reads, or
 * refuses after a few chunks (fault injection: a full disk mid-write).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RewardError } from '../../src/core/errors';
import { downloadFile } from '../../src/engine/local/download';

const FILE = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
const CHUNK = 64 * 1024;
let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'Content-Length': FILE.length, 'Content-Type': 'application/octet-stream' });
    const half = req.url === '/breaks' || req.url === '/stalls' ? FILE.length / 2 : FILE.length;
    for (let at = 0; at < half; at += CHUNK) res.write(FILE.subarray(at, at + CHUNK));
    if (req.url === '/breaks') setTimeout(() => res.destroy(), 50);
    else if (req.url !== '/stalls') res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** A Cache that reads a put body chunk by chunk, as the browser's does; `refuseAfter` chunks, it gives up. */
class StandInCache {
  readonly stored = new Map<string, Uint8Array>();
  constructor(private readonly refuseAfter = Infinity) {}

  match(url: string): Promise<Response | undefined> {
    const bytes = this.stored.get(url);
    return Promise.resolve(
      bytes &&
        new Response(bytes as Uint8Array<ArrayBuffer>, {
          headers: { 'content-length': String(bytes.length) },
        }),
    );
  }

  async put(url: string, response: Response): Promise<void> {
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      if (chunks.length >= this.refuseAfter) {
        await reader.cancel();
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    }
    this.stored.set(url, Buffer.concat(chunks));
  }
}

function useCache(cache: StandInCache) {
  Object.defineProperty(globalThis, 'caches', {
    value: { open: () => Promise.resolve(cache) },
    configurable: true,
  });
}
afterEach(() => {
  delete (globalThis as { caches?: unknown }).caches;
  requests.length = 0;
});

describe('downloadFile with a Cache API', () => {
  it('streams a first download into the cache, reads it back whole, and loads it from there next time', async () => {
    const cache = new StandInCache();
    useCache(cache);
    const progress: number[] = [];
    const first = await downloadFile(`${base}/ok`, {
      onProgress: (p) => p.kind === 'download' && progress.push(p.loadedBytes),
    });
    expect(first.cached).toBe(false);
    expect(first.cacheError).toBeUndefined();
    expect(Buffer.from(first.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(Buffer.from(cache.stored.get(`${base}/ok`)!).equals(Buffer.from(FILE))).toBe(true);
    expect(progress.at(-1)).toBe(FILE.length);
    const again = await downloadFile(`${base}/ok`);
    expect(again.cached).toBe(true);
    expect(Buffer.from(again.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(requests).toEqual(['/ok']);
  });

  it('a cache that gives up mid-way costs a second download, says why, and keeps nothing', async () => {
    const cache = new StandInCache(3);
    useCache(cache);
    const got = await downloadFile(`${base}/ok`);
    expect(Buffer.from(got.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(got.cached).toBe(false);
    expect(got.cacheError).toMatch(/^ok \(1\.0 MB\) was not kept for next time: this site's storage quota/);
    expect(cache.stored.size).toBe(0);
    expect(requests).toEqual(['/ok', '/ok']);
  });

  it('a body that breaks off is a network error naming the URL, and nothing is cached', async () => {
    const cache = new StandInCache();
    useCache(cache);
    const error = await downloadFile(`${base}/breaks`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardError);
    expect((error as RewardError).code).toBe('network');
    expect((error as RewardError).message).toContain(`${base}/breaks broke off while downloading`);
    expect(cache.stored.size).toBe(0);
  });

  it('a cancel mid-download is a cancel, and nothing is cached', async () => {
    const cache = new StandInCache();
    useCache(cache);
    const controller = new AbortController();
    const error = await downloadFile(`${base}/stalls`, {
      signal: controller.signal,
      onProgress: (p) => p.kind === 'download' && p.loadedBytes >= FILE.length / 2 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardError);
    expect((error as RewardError).code).toBe('cancelled');
    expect(cache.stored.size).toBe(0);
  });
});
