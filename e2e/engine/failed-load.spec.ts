/**
 * Issue 10, item 2, in the browser engine: a failed load leaves the engine clean. transformers.js chains
 * every session it creates in a web worker on one promise, so one failed encoder session (a broken file)
 * made every later encoder load fail with the same "protobuf parsing failed" until a reload; encoder
 * sessions are now created by the engine itself. A dtype the model does not ship says "File not found",
 * also where the server answers the missing file with its index.html.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const MODEL_DIR = 'public/models/tiny-bert-reward';
// Routed by the test itself; the host is the Hub mirror's (a free port picked by playwright.config.ts).
const MIRROR = `http://127.0.0.1:${process.env.E2E_MIRROR_PORT}/`;
const BROKEN = `${MIRROR}reward-playground/broken-bert/resolve/main/`;

test('after a broken model and a missing dtype, the same engine still loads a good model', async ({
  page,
}) => {
  // A copy of tiny-bert-reward whose q8 weights are cut short: valid ONNX bytes at the start, then nothing.
  await page.context().route(`${BROKEN}**`, (route) => {
    const file = route.request().url().slice(BROKEN.length);
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    const path = `${MODEL_DIR}/${file}`;
    if (!existsSync(path)) return route.fulfill({ status: 404, headers, body: 'Entry not found' });
    const bytes = readFileSync(path);
    return route.fulfill({
      status: 200,
      headers,
      body: file === 'onnx/model_quantized.onnx' ? bytes.subarray(0, 200_000) : bytes,
    });
  });
  await page.goto('/e2e/harness/index.html');
  await expect(page.locator('#status')).toHaveText('ready');

  const outcome = await page.evaluate(async (mirror) => {
    const attempt = async (spec: Parameters<typeof window.engine.load>[0]) => {
      try {
        const info = await window.engine.load(spec);
        const [r] = await window.engine.score(info.handle, [
          { conversation: { turns: [{ role: 'user', content: 'Hi?' }] }, response: 'Hello!' },
        ]);
        return `ok ${info.id} ${info.dtype} ${Number.isFinite(r!.score)}`;
      } catch (e) {
        return `error ${(e as Error).message}`;
      }
    };
    return {
      broken: await attempt({
        kind: 'local',
        source: { type: 'url', baseUrl: mirror, id: 'reward-playground/broken-bert' },
        dtype: 'q8',
        device: 'wasm',
      }),
      missingDtype: await attempt({
        kind: 'local',
        source: { type: 'embedded', name: 'tiny-bert-reward' },
        dtype: 'fp16',
        device: 'wasm',
      }),
      good: await attempt({
        kind: 'local',
        source: { type: 'embedded', name: 'tiny-bert-reward' },
        dtype: 'q8',
        device: 'wasm',
      }),
    };
  }, MIRROR);
  expect(outcome.broken).toMatch(/^error Could not load encoder model from reward-playground\/broken-bert/);
  expect(outcome.missingDtype).toMatch(
    /^error File not found: tiny-bert-reward has no onnx\/model_fp16\.onnx, so dtype fp16 cannot be loaded\. This model ships: fp32, q8\./,
  );
  expect(outcome.good).toBe('ok tiny-bert-reward q8 true');
});
