/** The engine in the browser's real worker (e2e/harness/index.html), timed inside the page: batched vs one at a time. */
import type { Browser } from '@playwright/test';
import type { Dtype, ScoreInput } from '../src/core/types';

export interface Pair {
  batchedMs: number;
  naiveMs: number;
}

export type BrowserResult =
  { figures: Record<string, Pair>; backend: string; note?: string } | { error: string };

export async function browserFigures(
  browser: Browser,
  origin: string,
  options: {
    name: string;
    device: 'wasm' | 'webgpu';
    dtype: Dtype;
    threads: number;
    runs: number;
    warmup?: number;
    workloads: Record<string, ScoreInput[]>;
    /** Time the batched call only (naiveMs is then NaN). */
    batchedOnly?: boolean;
  },
): Promise<BrowserResult> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/e2e/harness/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return await page.evaluate(
      async ({ name, device, workloads, threads, runs, warmup, dtype, batchedOnly }) => {
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
              batchedMs: await window.medianMs(() => window.engine.score(info.handle, inputs), runs, warmup),
              naiveMs: batchedOnly
                ? NaN
                : await window.medianMs(
                    async () => {
                      for (const input of inputs) await window.engine.score(info.handle, [input]);
                    },
                    runs,
                    warmup,
                  ),
            };
          }
          return { figures, backend: info.backend, note: info.fallbackReason };
        } catch (e) {
          return { error: (e as Error).message };
        }
      },
      { ...options, warmup: options.warmup ?? 10, batchedOnly: options.batchedOnly ?? false },
    );
  } finally {
    await page.close();
  }
}
