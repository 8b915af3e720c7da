/**
 * The browser engine (in its Web Worker) reproduces reference.json on WASM, agrees with WASM on WebGPU
 * (SwiftShader here: short inputs, agreement not speed), and loads through the Hub URL layout from a
 * local mirror with progress events.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  EXPECTED_MODELS,
  SHIPPED_DTYPES,
  UNPACKS_Q8,
  loadReference,
  type ReferenceCase,
} from '../../test/engine/reference';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalModelSpec, ScoreInput, ScoreResult } from '../../src/core/types';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/models-dir';

/** The Hub mirror Playwright started (playwright.config.ts picks its free port). */
const MIRROR = `http://127.0.0.1:${process.env.E2E_MIRROR_PORT}/`;
const TOLERANCE = { fp32: 1e-4, q8: 1e-3 } as const;

async function openHarness(page: Page) {
  await page.goto('/e2e/harness/index.html');
  await expect(page.locator('#status')).toHaveText('ready');
}

async function scoreIn(page: Page, spec: LocalModelSpec, inputs: ScoreInput[]) {
  return page.evaluate(
    async ({ spec, inputs }) => {
      const events: string[] = [];
      const info = await window.engine.load(spec, {
        onProgress: (p) => {
          events.push(
            p.kind === 'download' ? `download ${p.file} ${p.loadedBytes}/${p.totalBytes}` : p.message,
          );
        },
      });
      const results = await window.engine.score(info.handle, inputs);
      const singles = [];
      for (const input of inputs) singles.push(...(await window.engine.score(info.handle, [input])));
      const rendered = await Promise.all(inputs.map((i) => window.engine.render(info.handle, i)));
      return { info, results, singles, ids: rendered.map((r) => r?.ids ?? []), events };
    },
    { spec, inputs },
  );
}

function inputOf(c: ReferenceCase): ScoreInput {
  return { conversation: c.conversation, response: c.response };
}

function expectClose(results: ScoreResult[], cases: ReferenceCase[], key: 'fp32' | 'q8') {
  results.forEach((r, i) => {
    const c = cases[i]!;
    c[key].logits.forEach((v, k) =>
      expect(Math.abs(r.logits[k]! - v), `${c.name}[${k}]`).toBeLessThan(TOLERANCE[key]),
    );
  });
}

for (const name of EXPECTED_MODELS) {
  test.describe(name, () => {
    const reference = loadReference(name);

    const dtypes = SHIPPED_DTYPES[name]!;
    // WebGPU is compared on the most precise file the model ships.
    const gpuDtype = dtypes.includes('fp32') ? 'fp32' : 'q8';

    for (const dtype of dtypes) {
      test(`${dtype} on WASM reproduces reference.json`, async ({ page }) => {
        const ortBinaries: string[] = [];
        page.on('request', (r) => {
          const file = /ort-wasm-[^/]*\.wasm$/.exec(r.url())?.[0];
          if (file) ortBinaries.push(file);
        });
        await openHarness(page);
        const { info, results, singles, ids } = await scoreIn(
          page,
          { kind: 'local', source: { type: 'embedded', name }, dtype, device: 'wasm' },
          reference.cases.map(inputOf),
        );
        expect(info.backend).toBe('wasm');
        expect(info.weightsUnpacked).toBe(dtype === 'q8' && UNPACKS_Q8[name]);
        // Both backends' WASM sessions run on the plain build (faster than the asyncify one WebGPU needs).
        expect(ortBinaries).toHaveLength(1);
        expect(ortBinaries[0]).toMatch(/^ort-wasm-simd-threaded-/);
        expect(ids).toEqual(reference.cases.map((c) => c.input_ids));
        expectClose(results, reference.cases, dtype);
        // Batched scores equal one-at-a-time scores (padding and batch mates change nothing).
        results.forEach((r, i) => expect(Math.abs(r.score - singles[i]!.score)).toBeLessThan(1e-5));
      });
    }

    test('WebGPU agrees with WASM on short inputs', async ({ page }) => {
      await openHarness(page);
      const probe = await page.evaluate(() => window.engine.probeWebGpu());
      expect(probe.available, probe.reason).toBe(true);
      const short = reference.cases.filter((c) => c.input_ids.length <= 48).slice(0, 4);
      expect(short.length).toBeGreaterThan(0);
      const { info, results } = await scoreIn(
        page,
        { kind: 'local', source: { type: 'embedded', name }, dtype: gpuDtype, device: 'webgpu' },
        short.map(inputOf),
      );
      expect(info.backend, info.fallbackReason).toBe('webgpu');
      expectClose(results, short, gpuDtype);
    });

    test('loads from a Hub-layout mirror with byte progress, keeps the file whole in the cache and loads it from there', async ({
      page,
    }) => {
      await openHarness(page);
      const spec: LocalModelSpec = {
        kind: 'local',
        source: { type: 'url', baseUrl: MIRROR, id: `reward-playground/${name}` },
        dtype: 'q8',
        device: 'wasm',
      };
      const cases = reference.cases.slice(0, 3);
      const { info, results, events } = await scoreIn(page, spec, cases.map(inputOf));
      const file = 'onnx/model_quantized.onnx';
      const size = statSync(join(EMBEDDED_MODELS_DIR, name, file)).size;
      expect(events).toContain(`download ${file} ${size}/${size}`);
      expect(info.id).toContain(MIRROR);
      expect(info.cached).toBe(false);
      expectClose(results, cases, 'q8');
      // The body was streamed into the Cache API as it arrived, then read back from there: the stored copy is whole.
      const stored = await page.evaluate(async (url) => {
        const hit = await (await caches.open('transformers-cache')).match(url);
        return hit ? (await hit.arrayBuffer()).byteLength : null;
      }, `${MIRROR}reward-playground/${name}/resolve/main/${file}`);
      expect(stored).toBe(size);
      await page.evaluate((handle) => window.engine.unload(handle), info.handle);
      const again = await scoreIn(page, spec, cases.map(inputOf));
      expect(again.info.cached).toBe(true);
      expect(again.results.map((r) => r.logits)).toEqual(results.map((r) => r.logits));
    });
  });
}

test('a Hub id fails fast and clearly when the Hub cannot be reached', async ({ page }) => {
  await openHarness(page);
  const message = await page.evaluate(async () => {
    try {
      await window.engine.load({
        kind: 'local',
        source: {
          type: 'hub',
          id: 'OpenAssistant/reward-model-deberta-v3-large-v2',
          host: 'https://huggingface.co/',
        },
        dtype: 'q8',
        device: 'wasm',
      });
      return 'loaded?!';
    } catch (e) {
      return `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
  });
  expect(message).toMatch(/^model: Could not load/);
  expect(message).toContain('huggingface.co');
});
