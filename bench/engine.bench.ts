/**
 * `npm run bench`: engine figures from one run, as ratios.
 * 1. batched engine vs naive per-candidate scoring at N = 8 (goal ≥ 4×), Node and browser WASM;
 * 2. browser WASM vs onnxruntime-node on the same model, inputs and thread count (goal ≥ 0.7×);
 * 3. WebGPU vs WASM in the browser (report only: WebGPU here is SwiftShader, a CPU emulation).
 * Writes bench/results/engine.json and regenerates BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import type { Dtype, ScoreInput } from '../src/core/types';
import { loadBackend, nodeSettings } from '../src/engine/node';
import { candidates } from './inputs';
import { writeBenchmarksMarkdown } from './report';
import { medianMs } from './timing';

const N = 8;
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const MODELS = ['tiny-bert-reward', 'tiny-llama-reward'];
const DTYPE: Dtype = 'q8';
const inputs = candidates(N);

async function nodeFigures(name: string) {
  nodeSettings.threads = THREADS;
  const backend = await loadBackend({
    kind: 'local',
    source: { type: 'embedded', name },
    dtype: DTYPE,
    device: 'cpu',
  });
  const batched = await medianMs(() => backend.score(inputs));
  const naive = await medianMs(async () => {
    for (const input of inputs) await backend.score([input]);
  });
  await backend.dispose();
  return { batchedMs: batched, naiveMs: naive };
}

type BrowserFigures = { batchedMs: number; naiveMs: number; backend: string; note?: string };

async function browserFigures(): Promise<
  Record<string, Record<'wasm' | 'webgpu', BrowserFigures | { error: string }>>
> {
  const server = await createServer({
    server: { port: 5199, strictPort: true, host: '127.0.0.1' },
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
  const out: Record<string, Record<'wasm' | 'webgpu', BrowserFigures | { error: string }>> = {};
  try {
    for (const name of MODELS) {
      out[name] = {} as Record<'wasm' | 'webgpu', BrowserFigures | { error: string }>;
      for (const device of ['wasm', 'webgpu'] as const) {
        const page = await browser.newPage();
        await page.goto('http://127.0.0.1:5199/e2e/harness/index.html');
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        const runs = device === 'webgpu' ? 3 : 15;
        const figures = await page.evaluate(
          async ({ name, device, inputs, threads, runs, dtype }) => {
            try {
              await window.engine.configure({ numThreads: threads });
              const info = await window.engine.load({
                kind: 'local',
                source: { type: 'embedded', name },
                dtype,
                device,
              });
              const time = async (fn: () => Promise<unknown>) => {
                for (let i = 0; i < 2; i++) await fn();
                const t: number[] = [];
                for (let i = 0; i < runs; i++) {
                  const s = performance.now();
                  await fn();
                  t.push(performance.now() - s);
                }
                return t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
              };
              const batchedMs = await time(() => window.engine.score(info.handle, inputs, {}, 'bench'));
              const naiveMs = await time(async () => {
                for (const i of inputs) await window.engine.score(info.handle, [i], {}, 'bench');
              });
              return { batchedMs, naiveMs, backend: info.backend, note: info.fallbackReason };
            } catch (e) {
              return { error: (e as Error).message };
            }
          },
          { name, device, inputs: inputs as ScoreInput[], threads: THREADS, runs, dtype: DTYPE },
        );
        out[name][device] = figures as BrowserFigures | { error: string };
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main() {
  const node: Record<string, { batchedMs: number; naiveMs: number }> = {};
  for (const name of MODELS) node[name] = await nodeFigures(name);
  const browser = await browserFigures();
  const rows = MODELS.map((name) => {
    const n = node[name]!;
    const w = browser[name]?.wasm;
    const g = browser[name]?.webgpu;
    const wasm = w && 'batchedMs' in w ? w : null;
    const gpu = g && 'batchedMs' in g ? g : null;
    return {
      model: name,
      dtype: DTYPE,
      node_batched_ms: n.batchedMs,
      node_naive_ms: n.naiveMs,
      node_batching_speedup: ratio(n.naiveMs, n.batchedMs),
      wasm_batched_ms: wasm?.batchedMs ?? null,
      wasm_naive_ms: wasm?.naiveMs ?? null,
      wasm_batching_speedup: wasm ? ratio(wasm.naiveMs, wasm.batchedMs) : null,
      wasm_vs_node: wasm ? ratio(n.batchedMs, wasm.batchedMs) : null,
      webgpu_batched_ms: gpu?.batchedMs ?? null,
      webgpu_backend: gpu?.backend ?? (g && 'error' in g ? `error: ${g.error}` : null),
      webgpu_vs_wasm: gpu && wasm ? ratio(wasm.batchedMs, gpu.batchedMs) : null,
    };
  });
  const result = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    threads: THREADS,
    n: N,
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
