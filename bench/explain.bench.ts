/**
 * `npm run bench:explain`: "Explain" on an 8-sentence answer with the default model (minilm-reward q8), as the
 * Compare view runs it (issue 26's performance goal: under 2 s in the browser on 2 WASM threads). Leave-one-out by
 * sentence is 9 scores (the answer, and the answer without each sentence), batched into one engine call. Timed in
 * Chromium's real worker at 1 and 2 threads and in Node (onnxruntime-node) for reference; a fresh score cache for
 * every run, so nothing is served from an earlier one. Writes bench/results/explain.json and regenerates
 * BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { cachedScorer, explain, planExplain, ScoreCache } from '../src/core/explain';
import type { ScoreInput } from '../src/core/types';
import { loadModel } from '../src/engine/node';
import { withBrowserBench } from './chromium';
import { writeBenchmarksMarkdown } from './report';
import { medianMs } from './timing';

const PORT = Number(process.env.BENCH_PORT ?? 5196);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const MODEL = 'minilm-reward';
const RUNS = 5;

/** The lesson-style answer the goal names: eight sentences on one question. */
export const EIGHT_SENTENCES: ScoreInput = {
  conversation: { turns: [{ role: 'user', content: 'How do I keep basil alive on a windowsill?' }] },
  response: [
    'Basil wants at least six hours of sun, so pick the brightest window you have.',
    'Water it when the top centimetre of soil feels dry, and let the pot drain completely.',
    'Never leave it standing in a saucer of water, which rots the roots.',
    'Pinch off the top pair of leaves above a node every week to keep it bushy.',
    'Remove flower buds as soon as they appear, or the leaves turn bitter.',
    'Turn the pot every few days so the stems do not lean towards the glass.',
    'Keep it away from cold draughts, since basil suffers below about 10 °C.',
    'A little liquid fertiliser once a month keeps the leaves green.',
  ].join(' '),
};

async function browserMs(
  browser: Browser,
  threads: number,
): Promise<{ ms: number; scoreMs: number; units: number }> {
  const page = await browser.newPage();
  try {
    await page.goto(`${ORIGIN}/e2e/harness/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return await page.evaluate(
      async ({ threads, model, input, runs }) => {
        await window.engine.configure({ numThreads: threads });
        const info = await window.engine.load({
          kind: 'local',
          source: { type: 'embedded', name: model },
          dtype: 'q8',
          device: 'wasm',
        });
        const { planExplain, explain, cachedScorer, ScoreCache } = window.explainKit;
        const plan = planExplain(input);
        // Inline (no named function): page.evaluate gets the source, without tsx's __name helper.
        const ms = await window.medianMs(
          async () =>
            explain(
              plan,
              cachedScorer(
                (inputs, o) => window.engine.score(info.handle, inputs, o),
                new ScoreCache(),
                info.id,
              ),
            ),
          runs,
          1,
        );
        // The same 9 inputs in one plain engine call: what the explanation adds on top of scoring them.
        const inputs = [input, ...plan.variants];
        const scoreMs = await window.medianMs(async () => window.engine.score(info.handle, inputs), runs, 1);
        return { ms, scoreMs, units: plan.units.length };
      },
      { threads, model: MODEL, input: EIGHT_SENTENCES, runs: RUNS },
    );
  } finally {
    await page.close();
  }
}

async function nodeMs(): Promise<number> {
  const m = await loadModel({
    kind: 'local',
    source: { type: 'embedded', name: MODEL },
    dtype: 'q8',
    device: 'cpu',
  });
  try {
    const plan = planExplain(EIGHT_SENTENCES);
    return await medianMs(
      () =>
        explain(
          plan,
          cachedScorer((inputs, o) => m.score(inputs, o), new ScoreCache(), m.info.id),
        ),
      RUNS,
      1,
    );
  } finally {
    await m.dispose();
  }
}

async function main() {
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loads = [load()];
  const node = await nodeMs();
  await withBrowserBench(PORT, async (browser) => {
    const one = await browserMs(browser, 1);
    const two = await browserMs(browser, 2);
    loads.push(load());
    const result = {
      date: new Date().toISOString(),
      command: 'npm run bench:explain',
      machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Debian Chromium (headless)`,
      load_average_1min: loads.join(' → '),
      model: `${MODEL} q8`,
      units: two.units,
      scores: two.units + 1,
      rows: [
        {
          where: 'Node (onnxruntime-node)',
          threads: 'default',
          median_ms: Math.round(node),
          same_inputs_one_score_call_ms: null,
        },
        {
          where: 'browser WASM worker',
          threads: '1',
          median_ms: Math.round(one.ms),
          same_inputs_one_score_call_ms: Math.round(one.scoreMs),
        },
        {
          where: 'browser WASM worker',
          threads: '2',
          median_ms: Math.round(two.ms),
          same_inputs_one_score_call_ms: Math.round(two.scoreMs),
        },
      ],
      goal_ms: 2000,
      browser_2t_ms: Math.round(two.ms),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/explain.json', `${JSON.stringify(result, null, 2)}\n`);
    console.table(result.rows);
  });
  writeBenchmarksMarkdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
