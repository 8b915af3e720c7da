/**
 * `npm run bench:real-scale`: a reward model at real scale, once. A Qwen3-0.6B-shaped
 * Qwen3ForSequenceClassification (Skywork-Reward-V2-Qwen3-0.6B's configuration, random weights: the file sizes,
 * shapes and memory are real, the scores are not) is built with transformers and converted to q8 and q4 by
 * `reward-playground convert` (test/convert/checkpoints.py), then loaded and used to score 8 candidates in Node
 * (onnxruntime-node, one child process per dtype so its peak RSS is its own) and in Chromium (the real worker on
 * WASM, files from a Hub-layout mirror; peak PSS summed over Chromium's processes, by process type), each in both ONNX layouts
 * (training/onnx_layout.py copies the converted folder into the other one): the weights inside the graph file, and
 * beside it as external data. The browser scores at 2 threads and at 1. Writes bench/results/real-scale.json and
 * regenerates BENCHMARKS.md.
 *
 * Not part of CI: building and converting takes about 10 minutes on 2 cores and 10 GB of memory.
 *   npm run bench:real-scale [-- --work DIR]     (DIR keeps the checkpoint and the converted folders for reruns)
 * BENCH_RUNS (default 3) sets the timed runs after the first; 0 reports the first score (a quick rerun for memory).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, resolve } from 'node:path';
import { launchChromium } from './chromium';
import { browserPid, memorySampler } from './process-memory';
import { createServer } from 'vite';
import type { Dtype, ScoreInput } from '../src/core/types';
import { loadModel, nodeSettings } from '../src/engine/node';
import { onnxFileFor } from '../src/engine/local/dtypes';
import { buildCheckpoints } from '../test/support/checkpoints';
import { MIRROR_ORG, startHubMirror } from '../test/support/hub-mirror';
import { candidates } from './inputs';
import { writeBenchmarksMarkdown } from './report';

const NAME = 'qwen3-0.6b';
const DTYPES: Dtype[] = ['q8', 'q4'];
const N = 8;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 5198;
const THREADS = Number(process.env.BENCH_THREADS ?? 2);

interface Figures {
  loadMs: number;
  firstScoreMs: number;
  scoreMs: number;
  /** Node: the process's peak RSS. Browser: the peak PSS summed over Chromium's processes, over the idle page. */
  peakMiB: number;
  /** Browser: the peak of the RSS sum (counts shared pages once per process), for comparison with earlier runs. */
  peakRssSumMiB?: number;
  /** Browser: the peak's PSS by process type. */
  byProcess?: string;
  backend?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

function workDir(): string {
  const i = process.argv.indexOf('--work');
  return resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : 'bench/out/real-scale');
}

type Layout = 'one file' | 'external data';

/** Whether a converted folder keeps a dtype's weights beside its graph (`<file>_data`, as transformers.js reads it). */
function layoutOf(folder: string, dtype: Dtype): Layout {
  return existsSync(join(folder, `${onnxFileFor(dtype)}_data`)) ? 'external data' : 'one file';
}

/** The converted folder in the other layout, beside it in the mirror (`NAME-external` or `NAME-one-file`). */
function ensureOtherLayout(folder: string): string {
  const external = layoutOf(folder, 'q8') === 'one file';
  const other = `${folder}-${external ? 'external' : 'one-file'}`;
  if (existsSync(join(other, 'config.json'))) return other;
  const r = spawnSync(
    'node',
    ['training/python.mjs', 'onnx_layout.py', folder, other, external ? '--external' : '--single'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`onnx_layout.py failed for ${folder}`);
  return other;
}

function ensureConverted(work: string): string {
  const folder = join(work, 'onnx', NAME);
  if (DTYPES.every((d) => existsSync(join(folder, onnxFileFor(d))))) return folder;
  console.log(`Building and converting ${NAME} into ${work} (about 10 minutes on 2 cores)…`);
  buildCheckpoints(work, { only: [NAME], dtypes: DTYPES, noVariants: true, inherit: true });
  return folder;
}

/** Child mode: one dtype in this process, so maxRSS is this load's alone. */
async function nodeChild(folder: string, dtype: Dtype, inputs: ScoreInput[]): Promise<Figures> {
  nodeSettings.threads = THREADS;
  let t = performance.now();
  const backend = await loadModel({
    kind: 'local',
    source: { type: 'path', path: folder },
    dtype,
    device: 'cpu',
  });
  const loadMs = performance.now() - t;
  t = performance.now();
  await backend.score(inputs);
  const firstScoreMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    await backend.score(inputs);
    times.push(performance.now() - t);
  }
  await backend.dispose();
  return {
    loadMs,
    firstScoreMs,
    scoreMs: times.length ? median(times) : firstScoreMs,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    backend: 'cpu',
  };
}

function nodeFigures(folder: string, dtype: Dtype): Figures {
  const r = spawnSync('npx', ['tsx', 'bench/real-scale.bench.ts', '--child', folder, dtype], {
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`Node run (${dtype}) failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as Figures;
}

async function browserFigures(
  mirrorUrl: string,
  repo: string,
  dtype: Dtype,
  inputs: ScoreInput[],
  threads: number,
  runs: number,
): Promise<Figures> {
  // A flag of our own on the browser's command line finds its process tree: other jobs' browsers do not count.
  const flag = `--reward-playground-bench=${process.pid}`;
  const browser = await launchChromium({ args: [flag] });
  let sampler: ReturnType<typeof memorySampler> | undefined;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/e2e/harness/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    sampler = memorySampler(browserPid(flag)); // from the idle page; this browser's processes only
    const r = await page.evaluate(
      async ({ source, dtype, inputs, runs, threads }) => {
        await window.engine.configure({ numThreads: threads });
        let t = performance.now();
        const info = await window.engine.load({ kind: 'local', source, dtype, device: 'wasm' });
        const loadMs = performance.now() - t;
        t = performance.now();
        await window.engine.score(info.handle, inputs);
        const firstScoreMs = performance.now() - t;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          t = performance.now();
          await window.engine.score(info.handle, inputs);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        // BENCH_RUNS=0: the first score is the only one (a quick rerun for memory).
        const scoreMs = times.length ? times[Math.floor(times.length / 2)]! : firstScoreMs;
        return { loadMs, firstScoreMs, scoreMs, backend: info.backend };
      },
      {
        source: { type: 'url' as const, baseUrl: mirrorUrl, id: `${MIRROR_ORG}/${repo}` },
        dtype,
        inputs,
        runs,
        threads,
      },
    );
    const peak = sampler.stop();
    const byProcess = Object.entries(peak.pssByType)
      .filter(([, bytes]) => Math.abs(bytes) >= 2 ** 20)
      .sort((a, b) => b[1] - a[1])
      .map(([type, bytes]) => `${type} ${mib(bytes)}`)
      .join(', ');
    return { ...r, peakMiB: mib(peak.pssBytes), peakRssSumMiB: mib(peak.rssBytes), byProcess };
  } finally {
    sampler?.stop();
    await browser.close();
  }
}

async function main() {
  const inputs = candidates(N);
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(await nodeChild(process.argv[3]!, process.argv[4] as Dtype, inputs)));
    return;
  }
  const work = workDir();
  const folder = ensureConverted(work);
  const parity = JSON.parse(readFileSync(join(folder, 'parity.json'), 'utf8')) as {
    dtypes: Record<string, { max_rel_diff?: number; tolerance?: number }>;
  };
  const mirror = await startHubMirror(0, join(work, 'onnx'));
  const server = await createServer({
    server: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  const rows: Record<string, unknown>[] = [];
  try {
    const folders = [folder, ensureOtherLayout(folder)];
    for (const dtype of DTYPES) {
      for (const f of folders) {
        const file = join(f, onnxFileFor(dtype));
        const data = `${file}_data`;
        const fileMiB = mib(statSync(file).size + (existsSync(data) ? statSync(data).size : 0));
        const repo = basename(f);
        const node = nodeFigures(f, dtype);
        const web = await browserFigures(mirror.url, repo, dtype, inputs, THREADS, RUNS);
        // One thread: fewer timed runs, each takes about twice as long.
        const web1 = await browserFigures(mirror.url, repo, dtype, inputs, 1, Math.min(RUNS, 1));
        rows.push({
          dtype,
          layout: layoutOf(f, dtype),
          file_mib: fileMiB,
          node_load_s: +(node.loadMs / 1000).toFixed(1),
          node_score_ms: Math.round(node.scoreMs),
          node_peak_rss_mib: node.peakMiB,
          wasm_load_s: +(web.loadMs / 1000).toFixed(1),
          wasm_first_score_ms: Math.round(web.firstScoreMs),
          wasm_score_ms: Math.round(web.scoreMs),
          wasm_1t_score_ms: Math.round(web1.scoreMs),
          wasm_peak_mib: web.peakMiB,
          wasm_1t_peak_mib: web1.peakMiB,
          wasm_peak_rss_sum_mib: Math.max(web.peakRssSumMiB ?? 0, web1.peakRssSumMiB ?? 0),
          wasm_peak_by_process: (web.peakMiB >= web1.peakMiB ? web : web1).byProcess,
          wasm_vs_node_x: Math.round((node.scoreMs / web.scoreMs) * 100) / 100,
          peak_vs_file_x: Math.round((Math.max(web.peakMiB, web1.peakMiB) / fileMiB) * 100) / 100,
          parity_rel_diff: parity.dtypes[dtype]?.max_rel_diff?.toExponential(1) ?? null,
          parity_tolerance: parity.dtypes[dtype]?.tolerance ?? null,
        });
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await server.close();
    await mirror.close();
  }
  const cpus = os.cpus();
  writeFileSync(
    'bench/results/real-scale.json',
    JSON.stringify(
      {
        command: 'npm run bench:real-scale',
        date: new Date().toISOString(),
        machine: `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Debian Chromium (headless)`,
        model: `${NAME}: Qwen3ForSequenceClassification, Qwen3-0.6B configuration (28 layers × 1024, vocab 151,936), random weights`,
        convert_layout: layoutOf(folder, 'q8'),
        workload: `${N} candidates (bench/inputs.ts candidates), batched; Node and the browser at ${THREADS} threads, ${RUNS ? `median of ${RUNS} runs after one first run` : 'the first run only'}; the browser at 1 thread, ${RUNS ? `${Math.min(RUNS, 1)} run after one first run` : 'the first run only'}`,
        rows,
      },
      null,
      1,
    ) + '\n',
  );
  writeBenchmarksMarkdown();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
