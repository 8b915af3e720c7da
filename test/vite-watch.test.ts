/**
 * Issue 25: the dev server must not react to outputs written while it runs (`.venv` created by the first convert,
 * training runs), or open pages reload and lose their state. Starts Vite's dev server watcher with the project's
 * config and writes one file where outputs go and one where sources go.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
let server: ViteDevServer;
const made: string[] = [];

beforeAll(async () => {
  server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  for (const p of made.reverse()) rmSync(p, { recursive: true, force: true });
});

function writeProbe(dir: string, name: string): string {
  const abs = join(root, dir);
  if (!existsSync(abs)) {
    mkdirSync(abs, { recursive: true });
    made.push(abs);
  }
  const file = join(abs, name);
  writeFileSync(file, 'probe\n');
  made.push(file);
  return file;
}

it('ignores .venv/ and training/out/ but still sees sources change', async () => {
  const seen: string[] = [];
  server.watcher.on('all', (_event, path) => seen.push(path));
  await new Promise((r) => setTimeout(r, 500)); // the watcher's initial scan
  const stamp = `${process.pid}-${Date.now()}`;
  const venv = writeProbe('.venv', `watch-probe-${stamp}.py`);
  const out = writeProbe('training/out', `watch-probe-${stamp}.json`);
  const source = writeProbe('scripts', `watch-probe-${stamp}.tmp`);
  await expect.poll(() => seen.includes(source), { timeout: 15_000 }).toBe(true);
  expect(seen).not.toContain(venv);
  expect(seen).not.toContain(out);
});
