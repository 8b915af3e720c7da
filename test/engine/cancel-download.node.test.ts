/**
 * Cancelling a load mid-download (issue 12, item 3): a server that sends half of the weight file and then
 * stalls. The load ends at once as cancelled, nothing of it stays in the engine, and the next load works.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ScoringEngine } from '../../src/engine/engine';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/models-dir';
import { nodeRuntime } from '../../src/engine/node';

const MODEL = join(EMBEDDED_MODELS_DIR, 'tiny-bert-reward');
const WEIGHTS = 'onnx/model_quantized.onnx';
let url = '';
let halfSent: () => void = () => {};
const server = createServer((req, res) => {
  const m = /^\/org\/(stall|ok)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  const file = join(MODEL, m[2]!);
  if (!existsSync(file)) return void res.writeHead(404).end('Entry not found');
  const size = statSync(file).size;
  const range = /^bytes=0-(\d+)$/.exec(req.headers.range ?? '');
  if (range) {
    // The engine's peek at the file's first bytes (which dtypes are there) is answered in full.
    const end = Math.min(size - 1, Number(range[1]));
    res.writeHead(206, { 'Content-Length': end + 1, 'Content-Range': `bytes 0-${end}/${size}` });
    return void res.end(readFileSync(file).subarray(0, end + 1));
  }
  res.writeHead(200, { 'Content-Length': size, 'Content-Type': 'application/octet-stream' });
  if (m[1] === 'stall' && m[2] === WEIGHTS) {
    // A first part of the bytes, then nothing: only a cancel ends this download.
    res.write(readFileSync(file).subarray(0, 64 * 1024));
    halfSent();
    return;
  }
  createReadStream(file).pipe(res);
});

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

it('a load cancelled mid-download ends as cancelled at once, and the engine loads the next model', async () => {
  const engine = new ScoringEngine(nodeRuntime);
  const controller = new AbortController();
  const started = new Promise<void>((ok) => (halfSent = ok));
  const load = engine.load(
    { kind: 'local', source: { type: 'url', baseUrl: url, id: 'org/stall' }, dtype: 'q8', device: 'cpu' },
    { signal: controller.signal },
  );
  await started; // half the weight file is on its way: the load is mid-download
  const t = performance.now();
  controller.abort();
  await expect(load).rejects.toMatchObject({ code: 'cancelled' });
  expect(performance.now() - t).toBeLessThan(2000);
  const ok = await engine.load({
    kind: 'local',
    source: { type: 'url', baseUrl: url, id: 'org/ok' },
    dtype: 'q8',
    device: 'cpu',
  });
  const [r] = await engine.score(
    ok.handle,
    [{ conversation: { turns: [{ role: 'user', content: 'Hi?' }] }, response: 'Hello!' }],
    {},
  );
  expect(Number.isFinite(r!.score)).toBe(true);
});
