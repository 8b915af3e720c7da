/**
 * `npm run bench:encoder` (part of `npm run bench`): the real default encoder's architecture
 * (all-MiniLM-L6-v2 + a reward head, 22.7 M parameters) on this machine, in one run:
 * 1. a bare session per dtype (fp32, q8, q4, fp16) at 8 × 64/256/512 tokens: onnxruntime-node vs
 *    onnxruntime-web's plain WASM build, 1 and 2 threads (the page cross-origin isolated);
 * 2. the same at 8 × 256 on each onnxruntime-web build (plain, asyncify, JSPI), one thread;
 * 3. the op that dominates (from onnxruntime-node's profile) alone, in both runtimes;
 * 4. the engine itself (shipped minilm-reward q8, tokenizer and worker included): batched, length-bucketed scoring
 *    vs one candidate at a time on the mixed-length set, Node and browser, 1 and 2 threads;
 * 5. the browser worker's memory (JS heap + WASM memory) against the weight file.
 * The dtype files come from training/bench_dtypes.py (built once into bench/out/minilm-dtypes). Writes
 * bench/results/encoder.json and regenerates BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import type { Dtype } from '../src/core/types';
import { EMBEDDED_MODELS_DIR, loadModel, nodeSettings } from '../src/engine/node';
import { hasFoldableWeights } from '../src/engine/local/fold-weights';
import { baseSessionOptions, type SessionOptionsLike } from '../src/engine/runtime';
import { planBatches } from '../src/engine/batching';
import { browserFigures } from './browser-engine';
import { withBrowserBench } from './chromium';
import { candidates } from './inputs';
import { writeBenchmarksMarkdown } from './report';
import { medianMs } from './timing';

const PORT = Number(process.env.BENCH_PORT ?? 5197);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIR = 'bench/out/minilm-dtypes';
const FILES: Record<Dtype, string> = {
  fp32: 'model.onnx',
  q8: 'model_quantized.onnx',
  q4: 'model_q4.onnx',
  fp16: 'model_fp16.onnx',
} as Record<Dtype, string>;
const DTYPES = ['fp32', 'q8', 'q4', 'fp16'] as Dtype[];
const BATCH = 8;
const LENGTHS = [64, 256, 512];
/** Runs per shape after two warm-up runs: enough for a stable median at a few seconds a run. */
const RUNS: Record<number, number> = { 64: 10, 256: 5, 512: 3 };
const BUILDS = ['plain', 'asyncify', 'jspi'] as const;
const ENGINE_MODEL = 'minilm-reward';

interface Timed {
  median: number;
  min: number;
  max: number;
}

const timed = (xs: number[]): Timed | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { median: r(s[Math.floor(s.length / 2)]!), min: r(s[0]!), max: r(s[s.length - 1]!) };
};
const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? Math.round((a / b) * 100) / 100 : null;
const spread = (t: Timed | null | undefined) => (t ? `${t.min}–${t.max}` : '—');

function sessionOptions(dtype: Dtype, bytes: Uint8Array): SessionOptionsLike {
  return baseSessionOptions({
    quantized: dtype === 'q8' || dtype === 'q4',
    foldWeights: hasFoldableWeights(bytes),
    halfPrecision: dtype === 'fp16',
  });
}

function tokenFeeds(names: readonly string[], length: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const n of names) {
    const fill = n === 'attention_mask' ? 1n : n === 'token_type_ids' ? 0n : 5n;
    feeds[n] = new ort.Tensor('int64', new BigInt64Array(BATCH * length).fill(fill), [BATCH, length]);
  }
  return feeds;
}

async function runTimes(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, runs: number) {
  for (let i = 0; i < 2; i++) await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t);
  }
  return times;
}

/** onnxruntime-node with the engine's session options; per length, every run's time. */
async function nodeBare(dtype: Dtype, threads: number): Promise<Record<number, Timed | null>> {
  const bytes = readFileSync(join(DIR, 'onnx', FILES[dtype]));
  const session = await ort.InferenceSession.create(bytes, {
    ...sessionOptions(dtype, bytes),
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const out: Record<number, Timed | null> = {};
  for (const length of LENGTHS)
    out[length] = timed(await runTimes(session, tokenFeeds(session.inputNames, length), RUNS[length]!));
  await session.release();
  return out;
}

/** Which op types take the time in onnxruntime-node (its own profiler), one thread, 8 × 256. */
async function nodeProfile(dtype: Dtype): Promise<OpShare[]> {
  const bytes = readFileSync(join(DIR, 'onnx', FILES[dtype]));
  const prefix = join('bench/out', `profile-${dtype}`);
  const session = await ort.InferenceSession.create(bytes, {
    ...sessionOptions(dtype, bytes),
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    enableProfiling: true,
    profileFilePrefix: prefix,
  });
  const runs = 3;
  await runTimes(session, tokenFeeds(session.inputNames, 256), runs);
  session.endProfiling();
  await session.release();
  const file = readdirSync('bench/out')
    .filter((f) => f.startsWith(`profile-${dtype}`) && f.endsWith('.json'))
    .map((f) => join('bench/out', f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) throw new Error(`onnxruntime-node wrote no profile under bench/out (prefix ${prefix})`);
  const events = JSON.parse(readFileSync(file, 'utf8')) as ProfileEvent[];
  rmSync(file);
  // 2 warm-up runs + the timed ones are all in the profile.
  return opShares(events, runs + 2);
}

interface ProfileEvent {
  cat?: string;
  name?: string;
  dur?: number;
  args?: { op_name?: string };
}
type OpShare = { op: string; share_pct: number; ms_per_run: number };

/** The six op types with the most kernel time in an ONNX Runtime profile (same format in Node and the browser). */
function opShares(events: ProfileEvent[], runs: number): OpShare[] {
  const byOp = new Map<string, number>();
  for (const e of events)
    if (e.cat === 'Node' && e.name?.endsWith('_kernel_time') && e.args?.op_name)
      byOp.set(e.args.op_name, (byOp.get(e.args.op_name) ?? 0) + (e.dur ?? 0));
  const total = [...byOp.values()].reduce((a, b) => a + b, 0);
  return [...byOp.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([op, us]) => ({
      op,
      share_pct: Math.round((us / total) * 1000) / 10,
      ms_per_run: Math.round(us / runs / 100) / 10,
    }));
}

/**
 * The same profile in the browser (plain WASM build, one thread, 8 × 256): onnxruntime-web cannot write the
 * profile file, so ONNX Runtime prints it to the console, one event per line, when the session is released.
 */
async function webProfile(
  browser: Browser,
  dtype: Dtype,
): Promise<{ ops: OpShare[]; profiled_run_ms: number }> {
  const page = await browser.newPage();
  const lines: string[] = [];
  page.on('console', (m) => lines.push(m.text()));
  try {
    await page.goto(`${ORIGIN}/e2e/harness/ort-raw.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const runs = 3;
    const c = modelCase(dtype, 256);
    const r = await page.evaluate((c) => window.rawSessionTimes('plain', 1, [c]), {
      ...c,
      runs,
      warmup: 2,
      sessionOptions: {
        graphOptimizationLevel: 'basic' as const,
        ...c.sessionOptions,
        enableProfiling: true,
      },
    });
    if (r.errors[0]) throw new Error(`browser profile (${dtype}): ${r.errors[0]}`);
    const events = lines
      .filter((l) => l.startsWith('{') && l.includes('"cat"'))
      .map((l) => JSON.parse(l.replace(/,\s*$/, '')) as ProfileEvent);
    if (!events.length) throw new Error(`browser profile (${dtype}): ONNX Runtime printed no profile events`);
    return {
      ops: opShares(events, runs + 2),
      profiled_run_ms: Math.round([...(r.times[0] ?? [])].sort((a, b) => a - b)[1] ?? NaN),
    };
  } finally {
    await page.close();
  }
}

type RawCase = {
  modelUrl: string;
  batch: number;
  length: number;
  runs: number;
  warmup?: number;
  floatInput?: boolean;
  sessionOptions?: SessionOptionsLike & { enableProfiling?: boolean };
};

async function webBare(
  browser: Browser,
  build: (typeof BUILDS)[number],
  threads: number,
  cases: RawCase[],
): Promise<{ times: (Timed | null)[]; isolated: boolean; errors: (string | null)[] }> {
  const page = await browser.newPage();
  try {
    await page.goto(`${ORIGIN}/e2e/harness/ort-raw.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const r = await page.evaluate(
      ({ build, threads, cases }) => window.rawSessionTimes(build, threads, cases),
      { build, threads, cases },
    );
    return { times: r.times.map(timed), isolated: r.crossOriginIsolated, errors: r.errors };
  } finally {
    await page.close();
  }
}

const modelCase = (dtype: Dtype, length: number): RawCase => ({
  modelUrl: `/${DIR}/onnx/${FILES[dtype]}`,
  batch: BATCH,
  length,
  runs: RUNS[length]!,
  sessionOptions: sessionOptions(dtype, readFileSync(join(DIR, 'onnx', FILES[dtype]))),
});

/** The single MatMul of the feed-forward shape, as x[8·256, 384]: fp32 and MatMulNBits 8/4-bit. */
const OPS = ['fp32', 'q8', 'q4'] as const;
const opCase = (kind: (typeof OPS)[number]): RawCase => ({
  modelUrl: `/${DIR}/ops/matmul_${kind}.onnx`,
  batch: BATCH * 256,
  length: 384,
  runs: 20,
  warmup: 5,
  floatInput: true,
  sessionOptions: { graphOptimizationLevel: kind === 'fp32' ? 'all' : 'basic' },
});

async function nodeOp(kind: (typeof OPS)[number], threads: number): Promise<Timed | null> {
  const session = await ort.InferenceSession.create(join(DIR, 'ops', `matmul_${kind}.onnx`), {
    graphOptimizationLevel: kind === 'fp32' ? 'all' : 'basic',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const x = new ort.Tensor('float32', new Float32Array(BATCH * 256 * 384).fill(0.5), [BATCH * 256, 384]);
  for (let i = 0; i < 5; i++) await session.run({ x });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await session.run({ x });
    times.push(performance.now() - t);
  }
  await session.release();
  return timed(times);
}

const MIXED = { mixed: candidates(BATCH) };

async function nodeEngine(threads: number) {
  nodeSettings.threads = threads;
  const backend = await loadModel({
    kind: 'local',
    source: { type: 'embedded', name: ENGINE_MODEL },
    dtype: 'q8',
    device: 'cpu',
  });
  const inputs = MIXED.mixed;
  // What the length-sorted plan does with these inputs: how many runs, and how much of them is padding.
  const lengths = (await backend.score(inputs)).map((r) => r.tokenCount);
  const batches = planBatches(lengths);
  const padded = batches.reduce((sum, b) => sum + b.length * Math.max(...b.map((i) => lengths[i]!)), 0);
  const real = lengths.reduce((a, b) => a + b, 0);
  const plan = {
    tokens: `${Math.min(...lengths)}–${Math.max(...lengths)}`,
    runs: batches.length,
    padding_pct: Math.round((1 - real / padded) * 1000) / 10,
  };
  const batchedMs = await medianMs(() => backend.score(inputs), 9, 3);
  const naiveMs = await medianMs(
    async () => {
      for (const input of inputs) await backend.score([input]);
    },
    9,
    3,
  );
  await backend.dispose();
  return { batchedMs, naiveMs, plan };
}

/**
 * The worker's memory after loading the shipped q8 model and scoring the mixed set: its JS heap (the page's
 * `performance.measureUserAgentSpecificMemory()`, worker scopes only) and its WASM memory (every
 * `WebAssembly.Memory` the worker created; WASM memory only grows, so its size at the end is its peak).
 */
async function browserMemory(browser: Browser, threads: number) {
  const page = await browser.newPage();
  try {
    const workerEvent = page.waitForEvent('worker');
    await page.goto(`${ORIGIN}/e2e/harness/index.html`);
    const worker = await workerEvent;
    await worker.evaluate(() => {
      const scope = self as unknown as { __memories: WebAssembly.Memory[] };
      scope.__memories = [];
      const Original = WebAssembly.Memory;
      WebAssembly.Memory = new Proxy(Original, {
        construct(target, args: [WebAssembly.MemoryDescriptor]) {
          const m = new target(...args);
          scope.__memories.push(m);
          return m;
        },
      });
    });
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const heapSamples: number[] = [];
    const measure = () =>
      page.evaluate(async () => {
        const m = await (
          performance as Performance & {
            measureUserAgentSpecificMemory(): Promise<{
              breakdown: { bytes: number; attribution: { scope: string }[]; types: string[] }[];
            }>;
          }
        ).measureUserAgentSpecificMemory();
        return m.breakdown
          .filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
          .reduce((sum, b) => sum + b.bytes, 0);
      });
    const job = page.evaluate(
      async ({ name, threads, inputs }) => {
        await window.engine.configure({ numThreads: threads });
        const info = await window.engine.load({
          kind: 'local',
          source: { type: 'embedded', name },
          dtype: 'q8',
          device: 'wasm',
        });
        for (let i = 0; i < 3; i++) await window.engine.score(info.handle, inputs);
        return info.backend;
      },
      { name: ENGINE_MODEL, threads, inputs: MIXED.mixed },
    );
    let done = false;
    const sampling = (async () => {
      while (!done) {
        heapSamples.push(await measure());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const backend = await job;
    done = true;
    await sampling;
    heapSamples.push(await measure());
    const wasmBytes = await worker.evaluate(() =>
      (self as unknown as { __memories: WebAssembly.Memory[] }).__memories.reduce(
        (sum, m) => sum + m.buffer.byteLength,
        0,
      ),
    );
    return { backend, workerJsBytes: Math.max(...heapSamples), wasmBytes };
  } finally {
    await page.close();
  }
}

/**
 * Whether a .wasm uses relaxed SIMD: V8 accepts it with relaxed SIMD on and refuses it with relaxed SIMD off.
 * A module V8 refuses both ways (the JSPI build, which needs stack switching) cannot be told.
 */
function relaxedSimd(file: string): 'yes' | 'no' | 'unknown' {
  const validates = (flag: string) =>
    spawnSync(
      process.execPath,
      [
        flag,
        '-e',
        `process.exit(WebAssembly.validate(require('fs').readFileSync(${JSON.stringify(file)})) ? 0 : 3)`,
      ],
      { encoding: 'utf8' },
    ).status === 0;
  const on = validates('--experimental-wasm-relaxed-simd');
  const off = validates('--no-experimental-wasm-relaxed-simd');
  return on && !off ? 'yes' : on && off ? 'no' : 'unknown';
}

function ensureDtypeFiles(): void {
  const r = spawnSync('node', ['training/python.mjs', 'bench_dtypes.py', DIR], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`training/bench_dtypes.py failed (exit ${r.status})`);
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * `--profiles`: only the two profiles (Node and browser, q8 and fp32), merged into the last full run's
 * bench/results/encoder.json with their own date — a few minutes instead of the whole bench.
 */
async function profilesOnly(): Promise<void> {
  ensureDtypeFiles();
  const profiles = { q8: await nodeProfile('q8'), fp32: await nodeProfile('fp32') };
  await withBrowserBench(PORT, async (browser) => {
    const browserProfiles = { q8: await webProfile(browser, 'q8'), fp32: await webProfile(browser, 'fp32') };
    const file = 'bench/results/encoder.json';
    const last = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    const result = { ...last, profiles, browserProfiles, profiles_date: new Date().toISOString() };
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify({ profiles, browserProfiles }, null, 1));
  });
  writeBenchmarksMarkdown();
}

async function main() {
  if (process.argv.includes('--profiles')) return profilesOnly();
  ensureDtypeFiles();
  const fileMib = Object.fromEntries(DTYPES.map((d) => [d, mib(statSync(join(DIR, 'onnx', FILES[d])).size)]));

  console.log('Node: bare sessions, profile, single op, engine…');
  const node: Record<string, Record<number, Timed | null>> = {};
  for (const d of DTYPES) for (const t of [1, 2]) node[`${d}/${t}`] = await nodeBare(d, t);
  const profiles = { q8: await nodeProfile('q8'), fp32: await nodeProfile('fp32') };
  const nodeOps: Record<string, Timed | null> = {};
  for (const k of OPS) nodeOps[k] = await nodeOp(k, 1);
  const nodeEngineFigures = { 1: await nodeEngine(1), 2: await nodeEngine(2) };

  const rows: Record<string, unknown>[] = [];
  const builds: Record<string, unknown>[] = [];
  const ops: Record<string, unknown>[] = [];
  const engine: Record<string, unknown>[] = [];
  await withBrowserBench(
    PORT,
    async (browser) => {
      console.log('Browser: profiles (plain build, one thread)…');
      const browserProfiles = {
        q8: await webProfile(browser, 'q8'),
        fp32: await webProfile(browser, 'fp32'),
      };
      console.log('Browser: bare sessions (plain build, 1 and 2 threads)…');
      const cases = DTYPES.flatMap((d) => LENGTHS.map((l) => modelCase(d, l)));
      const web: Record<number, Awaited<ReturnType<typeof webBare>>> = {};
      for (const t of [1, 2]) web[t] = await webBare(browser, 'plain', t, cases);
      const isolated = web[2]!.isolated;
      DTYPES.forEach((d, di) =>
        LENGTHS.forEach((length, li) => {
          const i = di * LENGTHS.length + li;
          const n1 = node[`${d}/1`]![length];
          const n2 = node[`${d}/2`]![length];
          const w1 = web[1]!.times[i] ?? null;
          const w2 = web[2]!.times[i] ?? null;
          rows.push({
            dtype: d,
            file_mib: fileMib[d],
            shape: `${BATCH}×${length}`,
            node_1t_ms: n1?.median ?? null,
            node_2t_ms: n2?.median ?? null,
            wasm_1t_ms: w1?.median ?? null,
            wasm_2t_ms: w2?.median ?? null,
            wasm_vs_node_1t_x: ratio(n1?.median, w1?.median),
            wasm_vs_node_2t_x: ratio(n2?.median, w2?.median),
            wasm_2t_vs_1t_x: ratio(w1?.median, w2?.median),
            node_2t_vs_1t_x: ratio(n1?.median, n2?.median),
            spread_ms: `node ${spread(n1)} / ${spread(n2)}; wasm ${spread(w1)} / ${spread(w2)}`,
            error: web[1]!.errors[i] ?? web[2]!.errors[i] ?? null,
          });
        }),
      );

      console.log('Browser: builds at 8 × 256, one thread…');
      const at256 = DTYPES.map((d) => modelCase(d, 256));
      const byBuild: Record<string, Awaited<ReturnType<typeof webBare>>> = {};
      for (const b of BUILDS)
        byBuild[b] =
          b === 'plain'
            ? {
                ...web[1]!,
                times: DTYPES.map((_, di) => web[1]!.times[di * LENGTHS.length + 1] ?? null),
                errors: DTYPES.map((_, di) => web[1]!.errors[di * LENGTHS.length + 1] ?? null),
              }
            : await webBare(browser, b, 1, at256);
      const wasmFiles = Object.fromEntries(
        BUILDS.map((b) => [
          b,
          `node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded${b === 'plain' ? '' : `.${b}`}.wasm`,
        ]),
      );
      DTYPES.forEach((d, di) => {
        const n1 = node[`${d}/1`]![256];
        const row: Record<string, unknown> = { dtype: d, node_1t_ms: n1?.median ?? null };
        for (const b of BUILDS) {
          const t = byBuild[b]!.times[di] ?? null;
          row[`${b}_ms`] = t?.median ?? byBuild[b]!.errors[di] ?? null;
          row[`${b}_vs_node_x`] = ratio(n1?.median, t?.median);
        }
        builds.push(row);
      });
      const buildFacts = BUILDS.map((b) => ({
        build: b,
        wasm_mib: mib(statSync(wasmFiles[b]!).size),
        relaxed_simd: relaxedSimd(wasmFiles[b]!),
      }));

      console.log('Browser: the dominant op alone…');
      const webOps = await webBare(browser, 'plain', 1, OPS.map(opCase));
      OPS.forEach((k, i) => {
        const n = nodeOps[k];
        const w = webOps.times[i] ?? null;
        // 2·m·k·n floating-point operations per run.
        const gflop = (2 * BATCH * 256 * 384 * 1536) / 1e9;
        ops.push({
          op: k === 'fp32' ? 'MatMul (fp32)' : `MatMulNBits (${k === 'q8' ? 8 : 4}-bit)`,
          shape: `[${BATCH * 256}, 384] × [384, 1536]`,
          node_ms: n?.median ?? null,
          wasm_ms: w?.median ?? webOps.errors[i] ?? null,
          node_gflops: n ? Math.round((gflop / (n.median / 1000)) * 10) / 10 : null,
          wasm_gflops: w ? Math.round((gflop / (w.median / 1000)) * 10) / 10 : null,
          wasm_vs_node_x: ratio(n?.median, w?.median),
        });
      });

      console.log('Browser: the engine in the worker…');
      for (const threads of [1, 2]) {
        const w = await browserFigures(browser, ORIGIN, {
          name: ENGINE_MODEL,
          device: 'wasm',
          dtype: 'q8',
          threads,
          runs: 9,
          warmup: 3,
          workloads: MIXED,
        });
        const n = nodeEngineFigures[threads as 1 | 2];
        const wf = 'figures' in w ? w.figures.mixed! : null;
        engine.push({
          threads,
          candidate_tokens: n.plan.tokens,
          batched_runs: n.plan.runs,
          padding_pct: n.plan.padding_pct,
          node_batched_ms: Math.round(n.batchedMs),
          node_one_at_a_time_ms: Math.round(n.naiveMs),
          node_batching_x: ratio(n.naiveMs, n.batchedMs),
          wasm_batched_ms: wf ? Math.round(wf.batchedMs) : null,
          wasm_one_at_a_time_ms: wf ? Math.round(wf.naiveMs) : null,
          wasm_batching_x: wf ? ratio(wf.naiveMs, wf.batchedMs) : null,
          wasm_vs_node_x: wf ? ratio(n.batchedMs, wf.batchedMs) : null,
          error: 'error' in w ? w.error : null,
        });
      }

      console.log('Browser: memory…');
      const m = await browserMemory(browser, 1);
      const weightMib = mib(
        statSync(join(EMBEDDED_MODELS_DIR, ENGINE_MODEL, 'onnx/model_quantized.onnx')).size,
      );
      const memory = {
        model: `${ENGINE_MODEL} q8 (${m.backend})`,
        weight_file_mib: weightMib,
        worker_js_heap_mib: mib(m.workerJsBytes),
        wasm_memory_mib: mib(m.wasmBytes),
        total_mib: mib(m.workerJsBytes + m.wasmBytes),
        total_vs_file_x: ratio(m.workerJsBytes + m.wasmBytes, weightMib * 2 ** 20),
      };
      const result = {
        date: new Date().toISOString(),
        command: 'npm run bench:encoder',
        machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, onnxruntime-node ${ort.env.versions.node ?? '?'}, Debian Chromium (headless)`,
        crossOriginIsolated: isolated,
        model:
          'all-MiniLM-L6-v2 + one-unit BertForSequenceClassification head (22.7 M parameters), every dtype from training/bench_dtypes.py',
        rows,
        builds,
        buildFacts,
        profiles,
        browserProfiles,
        profiles_date: new Date().toISOString(),
        ops,
        engine,
        memory,
      };
      writeFileSync('bench/results/encoder.json', `${JSON.stringify(result, null, 2)}\n`);
      console.table(rows);
      console.table(builds);
      console.table(ops);
      console.table(engine);
      console.log(memory);
    },
    { args: ['--enable-blink-features=ForceEagerMeasureMemory'] },
  );
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
