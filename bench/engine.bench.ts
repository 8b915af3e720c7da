/**
 * `npm run bench`: engine figures from one run, as ratios.
 * 1. batched engine (one call, length-sorted batches) vs naive per-candidate scoring (one call per
 *    candidate) at N = 8 (goal ≥ 4×), in Node and in the browser worker on WASM;
 * 2. browser WASM vs onnxruntime-node on the same model, inputs and thread count (goal ≥ 0.7×);
 * 3. WebGPU vs WASM in the browser (report only: WebGPU here is SwiftShader, a CPU emulation).
 * Two workloads: `short` (compare-view answers) and `mixed` (1–9 sentences). Writes
 * bench/results/engine.json and regenerates BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'vite';
import type { Dtype, ScoreInput } from '../src/core/types';
import { loadBackend, nodeSettings } from '../src/engine/node';
import { candidates, shortCandidates } from './inputs';
import { writeBenchmarksMarkdown } from './report';
import { medianMs } from './timing';

const N = 8;
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const MODELS = ['tiny-bert-reward', 'tiny-llama-reward'];
const DTYPE: Dtype = 'q8';
const WORKLOADS: Record<string, ScoreInput[]> = { short: shortCandidates(N), mixed: candidates(N) };
const PORT = 5199;

interface Pair {
  batchedMs: number;
  naiveMs: number;
}

async function nodeFigures(name: string): Promise<Record<string, Pair>> {
  nodeSettings.threads = THREADS;
  const backend = await loadBackend({
    kind: 'local',
    source: { type: 'embedded', name },
    dtype: DTYPE,
    device: 'cpu',
  });
  const out: Record<string, Pair> = {};
  for (const [workload, inputs] of Object.entries(WORKLOADS)) {
    out[workload] = {
      batchedMs: await medianMs(() => backend.score(inputs)),
      naiveMs: await medianMs(async () => {
        for (const input of inputs) await backend.score([input]);
      }),
    };
  }
  await backend.dispose();
  return out;
}

type BrowserResult = { figures: Record<string, Pair>; backend: string; note?: string } | { error: string };

async function browserFigures(
  browser: Browser,
  name: string,
  device: 'wasm' | 'webgpu',
): Promise<BrowserResult> {
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${PORT}/e2e/harness/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return await page.evaluate(
      async ({ name, device, workloads, threads, runs, dtype }) => {
        try {
          await window.engine.configure({ numThreads: threads });
          const info = await window.engine.load({
            kind: 'local',
            source: { type: 'embedded', name },
            dtype,
            device,
          });
          const figures: Record<string, { batchedMs: number; naiveMs: number }> = {};
          for (const [workload, inputs] of Object.entries(workloads)) {
            figures[workload] = {
              batchedMs: await window.medianMs(
                () => window.engine.score(info.handle, inputs, {}, 'bench'),
                runs,
              ),
              naiveMs: await window.medianMs(async () => {
                for (const input of inputs) await window.engine.score(info.handle, [input], {}, 'bench');
              }, runs),
            };
          }
          return { figures, backend: info.backend, note: info.fallbackReason };
        } catch (e) {
          return { error: (e as Error).message };
        }
      },
      {
        name,
        device,
        workloads: WORKLOADS,
        threads: THREADS,
        runs: device === 'webgpu' ? 3 : 15,
        dtype: DTYPE,
      },
    );
  } finally {
    await page.close();
  }
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main() {
  const node: Record<string, Record<string, Pair>> = {};
  for (const name of MODELS) node[name] = await nodeFigures(name);

  const server = await createServer({
    server: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--enable-unsafe-webgpu',
      '--no-sandbox',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  const rows: Record<string, unknown>[] = [];
  try {
    for (const name of MODELS) {
      const wasm = await browserFigures(browser, name, 'wasm');
      const gpu = await browserFigures(browser, name, 'webgpu');
      for (const workload of Object.keys(WORKLOADS)) {
        const n = node[name]![workload]!;
        const w = 'figures' in wasm ? wasm.figures[workload]! : null;
        const g = 'figures' in gpu ? gpu.figures[workload]! : null;
        rows.push({
          model: name,
          workload,
          node_batched_ms: n.batchedMs,
          node_naive_ms: n.naiveMs,
          node_batching_x: ratio(n.naiveMs, n.batchedMs),
          wasm_batched_ms: w?.batchedMs ?? null,
          wasm_naive_ms: w?.naiveMs ?? null,
          wasm_batching_x: w ? ratio(w.naiveMs, w.batchedMs) : null,
          wasm_vs_node_x: w ? ratio(n.batchedMs, w.batchedMs) : null,
          webgpu_batched_ms: g?.batchedMs ?? null,
          webgpu_vs_wasm_x: g && w ? ratio(w.batchedMs, g.batchedMs) : null,
          webgpu_ran_on: 'figures' in gpu ? gpu.backend : `error: ${gpu.error}`,
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const result = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Debian Chromium (headless)`,
    threads: THREADS,
    n: N,
    dtype: DTYPE,
    rows,
  };
  writeFileSync('bench/results/engine.json', `${JSON.stringify(result, null, 2)}\n`);
  console.table(rows);
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
