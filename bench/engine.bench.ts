/**
 * `npm run bench`: engine figures from one run, as ratios.
 * 1. batched engine (one call, length-sorted batches) vs naive per-candidate scoring (one call per
 *    candidate) at N = 8 (goal ≥ 4×), in Node and in the browser worker on WASM;
 * 2. browser WASM vs onnxruntime-node on the same model, inputs and thread count (goal ≥ 0.7×);
 * 3. WebGPU vs WASM in the browser (report only: WebGPU here is SwiftShader, a CPU emulation);
 * 4. a bare session run (no engine) in onnxruntime-node and onnxruntime-web (asyncify and plain WASM
 *    builds), with int8 weights dequantized per run or unpacked at load, to tell the runtime's own speed
 *    apart from the engine's overhead;
 * 5. the Node engine with int8 weights dequantized per run vs unpacked at load (what it does by default);
 * 6. every model in every dtype it ships, batched on the mixed workload, in Node and the browser at 1 and 2 threads.
 * Two workloads: `short` (compare-view answers) and `mixed` (1–9 sentences). Writes
 * bench/results/engine.json and regenerates BENCHMARKS.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { browserFigures, type BrowserResult, type Pair } from './browser-engine';
import { withBrowserBench } from './chromium';
import type { Dtype, ScoreInput } from '../src/core/types';
import * as ort from 'onnxruntime-node';
import { EMBEDDED_MODELS_DIR, loadModel, nodeSettings } from '../src/engine/node';
import { DEFAULT_UNPACK_LIMIT_BYTES } from '../src/engine/local/fold-weights';
import { dtypesInFileList } from '../src/engine/local/dtypes';
import { baseSessionOptions } from '../src/engine/runtime';
import { candidates, shortCandidates } from './inputs';
import { writeBenchmarksMarkdown } from './report';
import { medianMs } from './timing';

const N = 8;
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
// The real default encoder (22.7 M parameters) beside the 1.4 M-parameter fixtures, where per-call overhead dominates.
const MODELS = ['minilm-reward', 'tiny-bert-reward', 'tiny-llama-reward'];
/** SwiftShader (WebGPU on the CPU) takes minutes a call at the real encoder's size: the fixtures only. */
const WEBGPU_MODELS = new Set(['tiny-bert-reward', 'tiny-llama-reward']);
const DTYPE: Dtype = 'q8';
const WORKLOADS: Record<string, ScoreInput[]> = { short: shortCandidates(N), mixed: candidates(N) };
const PORT = 5199;

/** The dtypes an embedded model ships (its onnx/ folder). */
function shippedDtypes(name: string): Dtype[] {
  return dtypesInFileList(readdirSync(`${EMBEDDED_MODELS_DIR}/${name}/onnx`).map((f) => `onnx/${f}`));
}

/** The Node engine on each workload, batched and (unless `batchedOnly`) one candidate per call. */
async function nodeFigures(
  name: string,
  options: {
    dtype?: Dtype;
    threads?: number;
    unpackWeights?: boolean;
    workloads?: Record<string, ScoreInput[]>;
    batchedOnly?: boolean;
  } = {},
): Promise<Record<string, Pair>> {
  nodeSettings.threads = options.threads ?? THREADS;
  nodeSettings.unpackLimitBytes = (options.unpackWeights ?? true) ? DEFAULT_UNPACK_LIMIT_BYTES : 0;
  const backend = await loadModel({
    kind: 'local',
    source: { type: 'embedded', name },
    dtype: options.dtype ?? DTYPE,
    device: 'cpu',
  });
  const out: Record<string, Pair> = {};
  try {
    for (const [workload, inputs] of Object.entries(options.workloads ?? WORKLOADS)) {
      out[workload] = {
        batchedMs: await medianMs(() => backend.score(inputs)),
        naiveMs: options.batchedOnly
          ? NaN
          : await medianMs(async () => {
              for (const input of inputs) await backend.score([input]);
            }),
      };
    }
  } finally {
    await backend.dispose();
    nodeSettings.threads = THREADS;
  }
  return out;
}

const browserRun = (browser: Browser, name: string, device: 'wasm' | 'webgpu'): Promise<BrowserResult> =>
  browserFigures(browser, `http://127.0.0.1:${PORT}`, {
    name,
    device,
    dtype: DTYPE,
    threads: THREADS,
    runs: device === 'webgpu' ? 3 : 15,
    workloads: WORKLOADS,
  });

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

const RAW = { batch: 8, length: 24, runs: 30 };

async function rawNodeMs(name: string, foldWeights: boolean): Promise<number> {
  const bytes = readFileSync(`${EMBEDDED_MODELS_DIR}/${name}/onnx/model_quantized.onnx`);
  const session = await ort.InferenceSession.create(bytes, {
    ...baseSessionOptions({ quantized: true, foldWeights }),
    intraOpNumThreads: THREADS,
    interOpNumThreads: 1,
  });
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of session.inputNames) {
    const fill = input === 'attention_mask' ? 1n : input === 'token_type_ids' ? 0n : 5n;
    feeds[input] = new ort.Tensor('int64', new BigInt64Array(RAW.batch * RAW.length).fill(fill), [
      RAW.batch,
      RAW.length,
    ]);
  }
  const ms = await medianMs(() => session.run(feeds), RAW.runs);
  await session.release();
  return ms;
}

async function rawWebMs(
  browser: Browser,
  name: string,
  build: 'asyncify' | 'plain',
  foldWeights: boolean,
): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${PORT}/e2e/harness/ort-raw.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return await page.evaluate(
      ({ build, url, raw, foldWeights }) =>
        window.timeRawSession(build, url, raw.batch, raw.length, raw.runs, foldWeights),
      { build, url: `/models/${name}/onnx/model_quantized.onnx`, raw: RAW, foldWeights },
    );
  } finally {
    await page.close();
  }
}

async function main() {
  const node: Record<string, Record<string, Pair>> = {};
  const unpacking: Record<string, unknown>[] = [];
  for (const name of MODELS) {
    const packed = await nodeFigures(name, { unpackWeights: false });
    node[name] = await nodeFigures(name);
    for (const workload of Object.keys(WORKLOADS)) {
      const p = packed[workload]!;
      const u = node[name]![workload]!;
      unpacking.push({
        model: name,
        workload,
        packed_batched_ms: p.batchedMs,
        packed_naive_ms: p.naiveMs,
        packed_batching_x: ratio(p.naiveMs, p.batchedMs),
        unpacked_batched_ms: u.batchedMs,
        unpacked_naive_ms: u.naiveMs,
        unpacked_batching_x: ratio(u.naiveMs, u.batchedMs),
        unpacking_speedup_batched_x: ratio(p.batchedMs, u.batchedMs),
        unpacking_speedup_naive_x: ratio(p.naiveMs, u.naiveMs),
      });
    }
  }

  const matrixNode: Record<string, number> = {};
  for (const name of MODELS)
    for (const dtype of shippedDtypes(name))
      for (const threads of [1, 2]) {
        const figures = await nodeFigures(name, {
          dtype,
          threads,
          workloads: { mixed: WORKLOADS.mixed! },
          batchedOnly: true,
        });
        matrixNode[`${name}/${dtype}/${threads}`] = figures.mixed!.batchedMs;
      }

  const rows: Record<string, unknown>[] = [];
  const raw: Record<string, unknown>[] = [];
  const matrix: Record<string, unknown>[] = [];
  await withBrowserBench(
    PORT,
    async (browser) => {
      for (const name of MODELS)
        for (const dtype of shippedDtypes(name)) {
          const web: Record<number, number | string> = {};
          for (const t of [1, 2]) {
            const r = await browserFigures(browser, `http://127.0.0.1:${PORT}`, {
              name,
              device: 'wasm',
              dtype,
              threads: t,
              runs: 15,
              workloads: { mixed: WORKLOADS.mixed! },
              batchedOnly: true,
            });
            web[t] = 'figures' in r ? r.figures.mixed!.batchedMs : `error: ${r.error}`;
          }
          const n1 = matrixNode[`${name}/${dtype}/1`]!;
          const n2 = matrixNode[`${name}/${dtype}/2`]!;
          const w1 = typeof web[1] === 'number' ? web[1] : null;
          const w2 = typeof web[2] === 'number' ? web[2] : null;
          matrix.push({
            model: name,
            dtype,
            node_1t_ms: n1,
            node_2t_ms: n2,
            wasm_1t_ms: web[1],
            wasm_2t_ms: web[2],
            wasm_vs_node_1t_x: w1 ? ratio(n1, w1) : null,
            wasm_vs_node_2t_x: w2 ? ratio(n2, w2) : null,
            node_2t_vs_1t_x: ratio(n1, n2),
            wasm_2t_vs_1t_x: w1 && w2 ? ratio(w1, w2) : null,
          });
        }
      for (const name of MODELS) {
        for (const foldWeights of [false, true]) {
          const nodeMs = await rawNodeMs(name, foldWeights);
          const asyncifyMs = await rawWebMs(browser, name, 'asyncify', foldWeights);
          const plainMs = await rawWebMs(browser, name, 'plain', foldWeights);
          raw.push({
            model: name,
            shape: `${RAW.batch}×${RAW.length}`,
            int8_weights: foldWeights ? 'unpacked at load' : 'dequantized per run',
            node_ms: nodeMs,
            web_asyncify_ms: asyncifyMs,
            web_plain_ms: plainMs,
            asyncify_vs_node_x: ratio(nodeMs, asyncifyMs),
            plain_vs_node_x: ratio(nodeMs, plainMs),
          });
        }
      }
      for (const name of MODELS) {
        const wasm = await browserRun(browser, name, 'wasm');
        const gpu: BrowserResult = WEBGPU_MODELS.has(name)
          ? await browserRun(browser, name, 'webgpu')
          : { error: 'not run (SwiftShader is too slow at this size)' };
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
    },
    { webgpu: true },
  );
  const result = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Debian Chromium (headless)`,
    threads: THREADS,
    n: N,
    dtype: DTYPE,
    rows,
    raw,
    unpacking,
    matrix,
  };
  writeFileSync('bench/results/engine.json', `${JSON.stringify(result, null, 2)}\n`);
  console.table(rows);
  console.table(raw);
  console.table(unpacking);
  console.table(matrix);
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
