/**
 * `npm run bench:check`: "Check this model" as a user runs it, in one run (issue 27, item 1). The default model
 * (minilm-reward q8) scores the check set's pairs:
 * - by the CLI (`reward-playground eval`, a fresh process, start-up included), the browser's yardstick;
 * - in Chromium's real worker through the UI's dataset runner (src/ui/batch/run-batch.ts: every input sorted by
 *   length, large chunks, the engine's length buckets), at 1 and 2 WASM threads and with the thread count the
 *   engine measures itself (thread-probe.ts);
 * - the same worker fed as the runner fed it before: chunks of 16 inputs in file order; and one input per call;
 * - the runner again while a second CPU-bound process runs (`node -e 'for(;;);'`), measured and forced threads.
 * Writes bench/results/check.json and regenerates BENCHMARKS.md.
 *   npx tsx bench/check.bench.ts [--pairs N]   (default: all 265; a smaller N for a quick run on a busy machine)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { withBrowserBench } from './chromium';
import { writeBenchmarksMarkdown } from './report';

const PORT = Number(process.env.BENCH_PORT ?? 5195);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const MODEL = 'minilm-reward';
const CHECK_SET = 'public/check-set/human-pairs.jsonl';

function pairsArg(): number | undefined {
  const i = process.argv.indexOf('--pairs');
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

type Strategy = 'runner' | 'file-order-16' | 'one-at-a-time';
interface PageRun {
  threads: number;
  why: string;
  ms: Partial<Record<Strategy, number>>;
}

/** One fresh page (a fresh worker: ONNX Runtime fixes its threads at the first session); times each strategy once. */
async function pageRun(
  browser: Browser,
  text: string,
  threads: number | 'auto',
  strategies: Strategy[],
): Promise<PageRun> {
  const page = await browser.newPage();
  try {
    await page.goto(`${ORIGIN}/e2e/harness/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return await page.evaluate(
      async ({ text, threads, strategies, model }) => {
        if (threads !== 'auto') await window.engine.configure({ numThreads: threads });
        const info = await window.engine.load({
          kind: 'local',
          source: { type: 'embedded', name: model },
          dtype: 'q8',
          device: 'wasm',
        });
        const data = window.parseDataset(text, { format: 'pairs' });
        const inputs = data.records.flatMap((r) =>
          r.row && 'chosen' in r.row
            ? [
                { conversation: r.row.conversation, response: r.row.chosen },
                { conversation: r.row.conversation, response: r.row.rejected },
              ]
            : [],
        );
        // One warm-up pass over a few inputs: the first runs after a session starts pay one-off costs.
        await window.engine.score(info.handle, inputs.slice(0, 8));
        const ms: Partial<Record<string, number>> = {};
        for (const s of strategies) {
          const t = performance.now();
          if (s === 'runner') {
            const r = await window.runBatch(info.handle, data.records, {}, () => undefined).promise;
            if (r.scores.some((x) => !x || x.some((i) => 'error' in i)))
              throw new Error('runner: a row failed');
          } else if (s === 'file-order-16') {
            for (let i = 0; i < inputs.length; i += 16)
              await window.engine.score(info.handle, inputs.slice(i, i + 16));
          } else {
            for (const input of inputs) await window.engine.score(info.handle, [input]);
          }
          ms[s] = Math.round(performance.now() - t);
        }
        return {
          threads: info.threads?.threads ?? (threads === 'auto' ? -1 : threads),
          why: info.threads?.why ?? '',
          ms,
        };
      },
      { text, threads, strategies, model: MODEL },
    );
  } finally {
    await page.close();
  }
}

function cliMs(file: string): number {
  const t = performance.now();
  execFileSync('npx', ['tsx', 'cli/main.ts', 'eval', file, '--json'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return Math.round(performance.now() - t);
}

/** Runs `fn` while a second CPU-bound process spins. */
async function underLoad<T>(fn: () => Promise<T>): Promise<T> {
  const hog = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 500));
    return await fn();
  } finally {
    hog.kill('SIGKILL');
  }
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a && b ? Math.round((a / b) * 100) / 100 : null;

async function main() {
  const lines = readFileSync(CHECK_SET, 'utf8').split('\n').filter(Boolean);
  const pairs = Math.min(pairsArg() ?? lines.length, lines.length);
  const text = lines.slice(0, pairs).join('\n');
  mkdirSync('bench/out', { recursive: true });
  const file = 'bench/out/check-pairs.jsonl';
  writeFileSync(file, `${text}\n`);
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loads: string[] = [load()];

  console.log(`CLI eval on ${pairs} pairs…`);
  const cli = cliMs(file);
  await withBrowserBench(PORT, async (browser) => {
    console.log('Browser: the runner at 1 and 2 threads and as measured; file order; one at a time…');
    const t1 = await pageRun(browser, text, 1, ['runner']);
    const t2 = await pageRun(browser, text, 2, ['runner', 'file-order-16']);
    const auto = await pageRun(browser, text, 'auto', ['runner', 'file-order-16', 'one-at-a-time']);
    loads.push(load());
    console.log('Browser: the runner beside a CPU-bound process…');
    const busyAuto = await underLoad(() => pageRun(browser, text, 'auto', ['runner']));
    const busy2 = await underLoad(() => pageRun(browser, text, 2, ['runner']));
    loads.push(load());
    const runner = auto.ms.runner!;
    const result = {
      date: new Date().toISOString(),
      command: `npx tsx bench/check.bench.ts${pairs === lines.length ? '' : ` --pairs ${pairs}`}`,
      machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Debian Chromium (headless)`,
      load_average_1min: loads.join(' → '),
      model: `${MODEL} q8`,
      pairs,
      responses: pairs * 2,
      rows: [
        { where: 'CLI eval (fresh process)', threads: 'Node default', ms: cli },
        { where: 'browser, runner (sorted, large chunks)', threads: '1', ms: t1.ms.runner },
        { where: 'browser, runner (sorted, large chunks)', threads: '2', ms: t2.ms.runner },
        { where: 'browser, runner (sorted, large chunks)', threads: `measured: ${auto.threads}`, ms: runner },
        { where: 'browser, chunks of 16 in file order (before)', threads: '2', ms: t2.ms['file-order-16'] },
        {
          where: 'browser, chunks of 16 in file order (before)',
          threads: `measured: ${auto.threads}`,
          ms: auto.ms['file-order-16'],
        },
        {
          where: 'browser, one input per call',
          threads: `measured: ${auto.threads}`,
          ms: auto.ms['one-at-a-time'],
        },
        {
          where: 'browser, runner, beside a CPU-bound process',
          threads: `measured: ${busyAuto.threads}`,
          ms: busyAuto.ms.runner,
        },
        { where: 'browser, runner, beside a CPU-bound process', threads: '2', ms: busy2.ms.runner },
      ],
      probe: { quiet: auto.why, beside_cpu_bound_process: busyAuto.why },
      ratios: {
        browser_vs_cli_x: ratio(cli, runner),
        runner_vs_file_order_x: ratio(auto.ms['file-order-16'], runner),
        runner_vs_one_at_a_time_x: ratio(auto.ms['one-at-a-time'], runner),
        busy_vs_quiet_measured_threads_x: ratio(busyAuto.ms.runner, runner),
        busy_vs_quiet_two_threads_x: ratio(busy2.ms.runner, t2.ms.runner),
      },
      full_check_estimate_s: Math.round(((runner / pairs) * lines.length) / 100) / 10,
    };
    writeFileSync('bench/results/check.json', `${JSON.stringify(result, null, 2)}\n`);
    console.table(result.rows);
    console.log(result.ratios, result.probe);
  });
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
