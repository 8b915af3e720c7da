/**
 * `npm run bench:first-screen` (part of `npm run bench`): time from opening the app to the first ranking of the
 * default model, on the preview build (`vite build` + `vite preview`), as a new user sees it. One Chromium profile:
 * the first visit is cold (empty HTTP cache, code cache and Cache API), the next visits are warm. Records what
 * came over the network on each visit and the status lines the model panel showed. Writes
 * bench/results/first-screen.json and regenerates BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createServer, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { writeBenchmarksMarkdown } from './report';

const PORT = Number(process.env.BENCH_PORT ?? 4196);
const WARM_VISITS = 3;

interface Visit {
  visit: string;
  first_score_ms: number;
  model_loaded_ms: number | null;
  network_mib: number;
  wasm_files: string;
  status_lines: string;
}

async function visit(page: Page, label: string): Promise<Visit> {
  const fetched: { url: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    void request.sizes().then((s) => {
      if (s.responseBodySize > 0) fetched.push({ url: request.url(), bytes: s.responseBodySize });
    });
  });
  // tsx names inner functions through a `__name` helper the page does not have.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  // The worker's requests reach the page's context too, so they are counted.
  await page.goto(`http://127.0.0.1:${PORT}/`);
  // Polled inside the page: the time since navigation start when both France candidates hold a fresh score,
  // and what the load status said on the way.
  const result = await page.evaluate(
    () =>
      new Promise<{ firstScore: number; loaded: number | null; lines: string[] }>((resolve, reject) => {
        const lines: string[] = [];
        let loaded: number | null = null;
        const deadline = performance.now() + 120_000;
        const tick = () => {
          const status = document.querySelector('.load-status .hint')?.textContent?.trim();
          if (status && lines[lines.length - 1] !== status) lines.push(status);
          if (loaded === null && document.querySelector('[data-testid="ran-on"]')) loaded = performance.now();
          const list = document.querySelector('[aria-label="Ranked candidates"]');
          const items = list?.querySelectorAll('li') ?? [];
          const scored = [...items].filter((li) => li.querySelector('.score[data-value]'));
          if (items.length >= 2 && scored.length === items.length && !list?.querySelector('.ranked.stale'))
            return resolve({ firstScore: performance.now(), loaded, lines });
          if (performance.now() > deadline)
            return reject(new Error(`no ranking after 120 s: ${lines.join(' | ')}`));
          requestAnimationFrame(tick);
        };
        tick();
      }),
  );
  await page.waitForTimeout(500); // let the last requestfinished events land
  const wasm = fetched.filter((f) => f.url.endsWith('.wasm'));
  return {
    visit: label,
    first_score_ms: Math.round(result.firstScore),
    model_loaded_ms: result.loaded === null ? null : Math.round(result.loaded),
    network_mib: Math.round((fetched.reduce((a, f) => a + f.bytes, 0) / 2 ** 20) * 10) / 10,
    wasm_files:
      wasm.map((f) => `${f.url.split('/').pop()} (${(f.bytes / 2 ** 20).toFixed(1)} MiB)`).join(', ') ||
      'none',
    status_lines: result.lines.filter((l) => !l.startsWith('Fetching')).join(' → '),
  };
}

function launch(profile: string) {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** One cold visit to the dev server (`npm run dev`), against which `npm start`'s preview build is chosen. */
async function devServerVisit(): Promise<Visit> {
  const server = await createServer({
    server: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  const profile = mkdtempSync(join(os.tmpdir(), 'rp-first-screen-dev-'));
  const context = await launch(profile);
  try {
    return await visit(await context.newPage(), 'cold, dev server (npm run dev)');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

async function main() {
  const dev = await devServerVisit();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await preview({
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  });
  const profile = mkdtempSync(join(os.tmpdir(), 'rp-first-screen-'));
  const context = await launch(profile);
  const visits: Visit[] = [];
  try {
    for (let i = 0; i <= WARM_VISITS; i++) {
      const page = await context.newPage();
      visits.push(await visit(page, i === 0 ? 'cold (new profile)' : `warm ${i}`));
      await page.close();
      // Gives the browser time to write the HTTP and code caches, as between two real visits.
      await new Promise((r) => setTimeout(r, 3000));
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  const warm = visits
    .slice(1)
    .map((v) => v.first_score_ms)
    .sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    command: 'npm run bench:first-screen',
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Debian Chromium (headless), preview build on 127.0.0.1`,
    goal: 'first score ≤ 4 s cold, ≤ 2 s warm',
    cold_ms: visits[0]!.first_score_ms,
    warm_median_ms: warm[Math.floor(warm.length / 2)]!,
    dev_cold_ms: dev.first_score_ms,
    visits: [...visits, dev],
  };
  writeFileSync('bench/results/first-screen.json', `${JSON.stringify(result, null, 2)}\n`);
  console.table(visits);
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
