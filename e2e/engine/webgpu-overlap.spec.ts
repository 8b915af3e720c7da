/**
 * Issue 10, item 6: tiny-llama-reward forced onto WebGPU threw an uncaught "RuntimeError: memory access out
 * of bounds" before falling back. The cause: encoder and decoder WebGPU sessions share one asyncify ONNX
 * Runtime instance, and a decoder load/run overlapped an encoder run that was suspended awaiting the GPU.
 * Every ORT call in the worker is now serialized (exclusive() in src/engine/browser.ts).
 * Only a browser with WebGPU shows this, hence an e2e spec.
 */
import { expect, test } from '@playwright/test';

test('a WebGPU decoder loads and runs while a WebGPU encoder keeps scoring', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/e2e/harness/index.html');
  await expect(page.locator('#status')).toHaveText('ready');
  const probe = await page.evaluate(() => window.engine.probeWebGpu());
  expect(probe.available, probe.reason).toBe(true);

  const outcome = await page.evaluate(async () => {
    const turn = (content: string) => ({ turns: [{ role: 'user' as const, content }] });
    const bert = await window.engine.load({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-bert-reward' },
      dtype: 'q8',
      device: 'webgpu',
    });
    // What the UI does: auto-scoring on the current model while the next one loads.
    let stop = false;
    let rounds = 0;
    const scoring = (async () => {
      while (!stop) {
        const inputs = Array.from({ length: 8 }, (_, i) => ({
          conversation: turn(`question ${i}`),
          response: 'an answer '.repeat(40),
        }));
        await window.engine.score(bert.handle, inputs);
        rounds++;
      }
    })();
    const llama = await window.engine.load({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-llama-reward' },
      dtype: 'q8',
      device: 'webgpu',
    });
    const scores: number[] = [];
    for (let k = 0; k < 3; k++) {
      const [r] = await window.engine.score(llama.handle, [{ conversation: turn('hi'), response: 'hello' }]);
      scores.push(r!.score);
    }
    stop = true;
    await scoring;
    return { backend: llama.backend, fallbackReason: llama.fallbackReason ?? null, rounds, scores };
  });
  expect(pageErrors).toEqual([]);
  expect(outcome.backend, outcome.fallbackReason ?? '').toBe('webgpu');
  expect(outcome.rounds).toBeGreaterThan(0);
  expect(outcome.scores.every(Number.isFinite)).toBe(true);
});
