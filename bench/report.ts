/**
 * Writes BENCHMARKS.md from the result files the benchmarks leave in bench/results/ (engine.json from
 * `npm run bench`, check.json, first-screen.json and encoder.json from the benches of the same names,
 * gpu-swiftshader.json from bench/gpu.sh here, server.json from `npm run bench:server`, real-scale.json from
 * `npm run bench:real-scale`, longtasks.json from the e2e run).
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { speedGoals } from './goals';

type Json = Record<string, unknown>;

function read(path: string): Json | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : null;
}

function table(rows: Json[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0] as Json);
  const fmt = (v: unknown) =>
    typeof v === 'number' ? String(Math.round(v * 100) / 100) : v === null ? '—' : String(v);
  return [
    `| ${keys.join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${keys.map((k) => fmt(r[k])).join(' | ')} |`),
  ].join('\n');
}

/** Node's and the browser's top op types side by side (one row per op type in either). */
function profileTable(node: Json[] | undefined, browser: Json | undefined): string {
  const web = browser?.ops as Json[] | undefined;
  const ops = [...new Set([...(node ?? []), ...(web ?? [])].map((r) => String(r.op)))];
  const find = (rows: Json[] | undefined, op: string) => rows?.find((r) => r.op === op);
  return table(
    ops.map((op) => ({
      op,
      node_share_pct: find(node, op)?.share_pct ?? '—',
      node_ms_per_run: find(node, op)?.ms_per_run ?? '—',
      browser_share_pct: web ? (find(web, op)?.share_pct ?? '—') : 'not profiled',
    })),
  );
}

function section(title: string, data: Json | null, body: (d: Json) => string, missing: string): string {
  return `## ${title}\n\n${data ? body(data) : `_Not measured yet: ${missing}_`}\n`;
}

/** Min and max of a column, formatted for prose: "0.22" when both are equal, else "0.1–0.13" (use `${a}${b}`). */
function range(rows: Json[], key: string): [string, string] {
  const v = rows.map((r) => r[key]).filter((x): x is number => typeof x === 'number');
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return [String(lo), lo === hi ? '' : `–${hi}`];
}

/**
 * The speed issue's goals on the real default encoder (minilm-reward): batched ≥ 1.5× one-at-a-time on the
 * mixed-length set, browser WASM ≥ 0.5× onnxruntime-node at equal threads.
 */
function realEncoderGoals(rows: Json[], raw: Json[]): string[] {
  const mixed = rows.find((r) => r.model === 'minilm-reward' && r.workload === 'mixed');
  const bare = raw.find((r) => r.model === 'minilm-reward' && r.int8_weights !== 'dequantized per run');
  if (!mixed) return [];
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const nb = Number(mixed.node_batching_x);
  const wb = Number(mixed.wasm_batching_x);
  const wn = Number(mixed.wasm_vs_node_x);
  return [
    `On the real default encoder (minilm-reward, 22.7 M parameters, q8): batched ≥ 1.5× one-at-a-time on the mixed set ${verdict(nb >= 1.5 && wb >= 1.5)} (Node ${nb}×, browser WASM ${wb}×; on the short set ${rows.find((r) => r.model === 'minilm-reward' && r.workload === 'short')?.node_batching_x ?? '?'}× in Node: batching pays where per-call overhead dominates, and the mixed set, one to nine sentences an answer, is compute-bound — no op profile was taken in this run);`,
    `browser WASM ≥ 0.5× onnxruntime-node ${verdict(wn >= 0.5)} (${wn}×)${bare ? `, bounded by ONNX Runtime itself: a bare session of this model in the browser is ${bare.plain_vs_node_x}× the same session in Node` : ''}.`,
  ];
}

/** States plainly which goals this run met. */
function goalsLine(rows: Json[], raw: Json[], unpacking: Json[]): string {
  const [nb0, nb1] = range(rows, 'node_batching_x');
  const [wb0, wb1] = range(rows, 'wasm_batching_x');
  const [wn0, wn1] = range(rows, 'wasm_vs_node_x');
  // The engine unpacks int8 weights at load on CPU/WASM: compare like with like.
  const unpacked = raw.filter((r) => r.int8_weights !== 'dequantized per run');
  const [ra0, ra1] = range(unpacked, 'asyncify_vs_node_x');
  const [rp0, rp1] = range(unpacked, 'plain_vs_node_x');
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  return [
    `Batching ≥ 4×: ${verdict(Number(nb0) >= 4 && Number(wb0) >= 4)} (Node ${nb0}${nb1}×, browser WASM ${wb0}${wb1}×).`,
    `Browser WASM ≥ 0.7× onnxruntime-node: ${verdict(Number(wn0) >= 0.7)} (${wn0}${wn1}×).`,
    ...realEncoderGoals(rows, raw),
    'On the 1.4 M-parameter fixtures a batched run is compute-bound (compare the batched engine call with the bare session run of a similar batch below), so batching saves only the per-call overhead.',
    ...(unpacking.length
      ? [
          (() => {
            const [n0, n1] = range(unpacking, 'unpacking_speedup_naive_x');
            const [b0, b1] = range(unpacking, 'unpacking_speedup_batched_x');
            const [p0, p1] = range(unpacking, 'packed_batching_x');
            return `Most of that overhead was dequantizing the int8 weights on every run: unpacking them once at load (the engine's default on CPU/WASM, last table) makes one-at-a-time scoring ${n0}${n1}× and batched scoring ${b0}${b1}× faster in Node, and leaves batching little to save on a CPU (with per-run dequantization it was ${p0}${p1}×).`;
          })(),
        ]
      : []),
    `A bare onnxruntime-web session is itself ${ra0}${ra1}× onnxruntime-node (asyncify build) or ${rp0}${rp1}× (plain WASM build), which bounds the browser figure: WASM has 128-bit SIMD where onnxruntime-node's MLAS uses AVX2 and FMA.`,
    'In the browser both backends run their sessions on the plain WASM build.',
  ].join(' ');
}

export function writeBenchmarksMarkdown(): void {
  if (existsSync('test-results/longtasks.json'))
    copyFileSync('test-results/longtasks.json', 'bench/results/longtasks.json');
  const engine = read('bench/results/engine.json');
  const server = read('bench/results/server.json');
  const longtasks = read('bench/results/longtasks.json');
  const realScale = read('bench/results/real-scale.json');
  const check = read('bench/results/check.json');
  const firstScreen = read('bench/results/first-screen.json');
  const encoder = read('bench/results/encoder.json');
  const gpu = read('bench/results/gpu-swiftshader.json');
  const explainRun = read('bench/results/explain.json');
  const md = [
    '# Benchmarks',
    '',
    'Figures are ratios measured within one run on the machine named in each section. Timed values are medians.',
    'Regenerate: `npm run bench` (engine, model check, first screen, default encoder), `npm run bench:server` (server), `npm run test:e2e` (main-thread long tasks).',
    '',
    '## Speed where users wait: goals (issue 27)',
    '',
    speedGoals({ check, firstScreen, encoder, realScale, gpu, engine }),
    '',
    section(
      'Model check in the browser',
      check,
      (c) =>
        [
          `Command: \`${String(c.command)}\` — ${String(c.date)} — ${String(c.machine)}; load average (1 min) ${String(c.load_average_1min)}: the machine was shared with other jobs, so compare rows of this run with each other, not with other runs. ${String(c.model)}, ${String(c.pairs)} pairs of the check set (${String(c.responses)} responses), each way timed once.`,
          '',
          table(c.rows as Json[]),
          '',
          `Ratios: \`${JSON.stringify(c.ratios)}\`. The thread probe (src/engine/thread-probe.ts) said: quiet — ${String((c.probe as Json).quiet)}; beside the CPU-bound process — ${String((c.probe as Json).beside_cpu_bound_process)}.`,
        ].join('\n'),
      'run `npm run bench:check`.',
    ),
    section(
      'Explain (leave-one-out attributions)',
      explainRun,
      (x) =>
        [
          `Command: \`${String(x.command)}\` — ${String(x.date)} — ${String(x.machine)}; load average (1 min) ${String(x.load_average_1min)}. ${String(x.model)}, an answer of ${String(x.units)} sentences: ${String(x.scores)} scores in one engine call, median of 5 runs, a fresh score cache each. Goal (issue 26): under 2 s in the browser on 2 WASM threads — ${Number(x.browser_2t_ms) < Number(x.goal_ms) ? '**met**' : '**missed**'} (${String(x.browser_2t_ms)} ms).`,
          '',
          table(x.rows as Json[]),
        ].join('\n'),
      'run `npm run bench:explain`.',
    ),
    section(
      'First screen',
      firstScreen,
      (f) =>
        [
          `Command: \`${String(f.command)}\` — ${String(f.date)} — ${String(f.machine)}. Goal: ${String(f.goal)}. From navigation to both candidates ranked; one browser profile, so the first visit is cold (empty HTTP cache, code cache and Cache API) and the next ones warm.`,
          '',
          table(f.visits as Json[]),
        ].join('\n'),
      'run `npx tsx bench/first-screen.bench.ts`.',
    ),
    section(
      'Default encoder: dtypes, runtimes, builds',
      encoder,
      (e) =>
        [
          `Command: \`${String(e.command)}\` — ${String(e.date)} — ${String(e.machine)}; cross-origin isolated: ${String(e.crossOriginIsolated)}. Model: ${String(e.model)}.`,
          '',
          'Bare sessions, 8 inputs × length, onnxruntime-node vs onnxruntime-web (plain WASM build) at 1 and 2 threads (`wasm_vs_node` = Node time / WASM time):',
          '',
          table(e.rows as Json[]),
          '',
          'Each onnxruntime-web build at 8 × 256, one thread:',
          '',
          table(e.builds as Json[]),
          '',
          table(e.buildFacts as Json[]),
          '',
          `Where the time goes (ONNX Runtime's profiler, one thread, 8 × 256; profiled ${String(e.profiles_date ?? e.date)}), the top op types in onnxruntime-node and in the browser (onnxruntime-web, plain WASM build), q8 and fp32. In the browser the profiler adds a clock read to every kernel (a profiled q8 run took ${String((e.browserProfiles as Record<string, Json> | undefined)?.q8?.profiled_run_ms ?? '—')} ms; unprofiled runs are in the first table), so it shows shares, not times:`,
          '',
          profileTable(
            (e.profiles as Record<string, Json[]>).q8,
            (e.browserProfiles as Record<string, Json> | undefined)?.q8,
          ),
          '',
          profileTable(
            (e.profiles as Record<string, Json[]>).fp32,
            (e.browserProfiles as Record<string, Json> | undefined)?.fp32,
          ),
          '',
          'The dominant op alone:',
          '',
          table(e.ops as Json[]),
          '',
          'The engine (shipped minilm-reward q8) on the mixed-length set, batched by length vs one at a time:',
          '',
          table(e.engine as Json[]),
          '',
          `Browser worker memory: \`${JSON.stringify(e.memory)}\`.`,
        ].join('\n'),
      'run `npx tsx bench/encoder.bench.ts`.',
    ),
    section(
      'WebGPU vs WASM (bench/gpu.sh)',
      gpu,
      (g) =>
        [
          `Command: \`${String(g.command)}\` — ${String(g.date)} — ${String(g.machine)}; adapter: \`${JSON.stringify(g.adapter)}\`. Goal: ${String(g.goal)}: ${String(g.verdict)}.`,
          '',
          table(g.rows as Json[]),
        ].join('\n'),
      'run `bash bench/gpu.sh` on a machine with a GPU.',
    ),
    section(
      'Engine',
      engine,
      (e) =>
        [
          `Command: \`${e.command}\` — ${e.date} — ${e.machine}; ${e.n} candidates, ${e.threads} thread(s) in both Node and the browser.`,
          '',
          'Goals: batching speed-up ≥ 4× at N = 8; browser WASM ≥ 0.7× onnxruntime-node (`wasm_vs_node` = node time / wasm time). WebGPU here is SwiftShader (CPU emulation): reported, not a goal.',
          '',
          table(e.rows as Json[]),
          '',
          goalsLine(
            e.rows as Json[],
            (e.raw as Json[] | undefined) ?? [],
            (e.unpacking as Json[] | undefined) ?? [],
          ),
          '',
          "A bare session run (no engine, no worker, no tokenizer), q8, same thread count — how fast ONNX Runtime itself is in each place. `asyncify` is the WASM build that WebGPU needs and transformers.js loads; `plain` is the WASM-only build. `int8_weights`: dequantized on every run (ORT's default for QDQ files) or unpacked once at load (what the engine does on CPU/WASM for models up to 1 GiB unpacked, `src/engine/local/fold-weights.ts`):",
          '',
          table((e.raw as Json[] | undefined) ?? []),
          '',
          'The Node engine (tokenizer, batching, session run) with int8 weights dequantized on every run (`packed`, `REWARD_PLAYGROUND_UNPACK_LIMIT_MB=0`) and unpacked once at load (`unpacked`, the default):',
          '',
          table((e.unpacking as Json[] | undefined) ?? []),
          '',
          "Every model in every dtype it ships, the engine's batched call on the mixed workload, in Node and in the browser worker (WASM) at 1 and 2 threads:",
          '',
          e.matrix ? table(e.matrix as Json[]) : '_Not in this run: rerun `npm run bench:engine`._',
        ].join('\n'),
      'run `npm run bench`.',
    ),
    section(
      'Real scale: a 0.6B decoder reward model',
      realScale,
      (r) =>
        [
          `Command: \`${r.command}\` — ${r.date} — ${r.machine}. Model: ${r.model}. Workload: ${r.workload}.`,
          '',
          "Each dtype is converted by `reward-playground convert` and loaded from the converted folder: in Node by onnxruntime-node (one process per dtype; `node_peak_rss_mib` is that process's peak), and in Chromium by the real worker on WASM from a Hub-layout mirror (`wasm_peak_mib`, `wasm_1t_peak_mib`: the peak PSS of all Chromium processes over the idle page, at 2 threads and 1 — PSS shares each page among the processes that map it, so it sums to what the browser holds; `wasm_peak_rss_sum_mib`: the peak of their RSS summed, as runs before 2026-12-06 evening measured it, which counts shared pages once per process; `wasm_peak_by_process`: the larger peak's PSS by process type). `wasm_vs_node_x` = Node score time / WASM score time; `peak_vs_file_x` = browser peak / weight file. `parity_rel_diff`: the converter's largest difference from PyTorch on its twelve fixed inputs, relative to the score scale (`parity_tolerance` beside it).",
          '',
          table(r.rows as Json[]),
        ].join('\n'),
      'run `npm run bench:real-scale` (not in CI: about 10 minutes to build and convert on 2 cores).',
    ),
    section(
      'Server',
      server,
      (s) => ['Command: `npm run bench:server`', '', '```json', JSON.stringify(s, null, 2), '```'].join('\n'),
      'run `npm run bench:server`.',
    ),
    section(
      'Responsiveness (main thread while scoring 16 candidates)',
      longtasks,
      (l) =>
        [
          'Measured by the e2e suite (`npm run test:e2e`), goal: no long task over 50 ms.',
          '',
          '```json',
          JSON.stringify(l, null, 2),
          '```',
        ].join('\n'),
      'run `npm run test:e2e`.',
    ),
  ].join('\n');
  writeFileSync('BENCHMARKS.md', md);
}

if (process.argv[1]?.endsWith('report.ts')) writeBenchmarksMarkdown();
