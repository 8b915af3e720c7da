/**
 * Converted checkpoints in Chromium: `reward-playground convert`'s output for every family (q8 on WASM: RoBERTa,
 * XLM-R, DeBERTa-v2, DistilBERT, ELECTRA, MPNet, a 5-output HelpSteer head, Llama with and without a pad id, Qwen2,
 * Qwen3 with its ChatML template in chat_template.jinja, Gemma2, Mistral), RoBERTa in fp32, Qwen3 with every weight
 * in external data, and a Llama export that
 * takes position_ids and returns float16 logits, load in the browser engine from a Hub-layout mirror and reproduce
 * the input ids and logits recorded in parity.json: on WASM, and the decoder on WebGPU (SwiftShader here: 1.5 min for
 * three short inputs; the encoder path on WebGPU is covered by the embedded models in parity.spec.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Conversation, Dtype, LocalModelSpec, ScoreInput } from '../../src/core/types';
import { buildCheckpoints, DECODER_FAMILIES, ENCODER_FAMILIES } from '../../test/support/checkpoints';
import { startHubMirror, type HubMirror } from '../../test/support/hub-mirror';

const skip = process.env.RP_SKIP_TRAINING === '1';
// Relative to the score scale, as in parity.json; quantized files run at 'basic' in both, fp16 at 'extended' here.
const TOLERANCE: Record<string, number> = { fp32: 1e-4, q8: 1e-3, fp16: 1e-3 };
// WebGPU's kernels (SwiftShader here) round differently from the CPU's.
const WEBGPU_TOLERANCE = 1e-3;

interface Parity {
  cases: {
    name: string;
    conversation: Conversation;
    response: string;
    input_ids: number[];
    torch: number[];
    onnx: Record<string, number[]>;
  }[];
}

// Every family but the real MiniLM (its export is the slow one; the embedded minilm-reward is replayed against its
// reference.json in parity.spec.ts).
const FAMILIES = [...ENCODER_FAMILIES.filter((f) => f !== 'bert-minilm'), ...DECODER_FAMILIES];

test.describe('converted checkpoints in Chromium', () => {
  test.skip(skip, 'RP_SKIP_TRAINING=1: no Python environment');
  const work = mkdtempSync(join(tmpdir(), 'rp-e2e-convert-'));
  let mirror: HubMirror;

  test.beforeAll(async () => {
    // A few tiny conversions: well under a minute on an idle machine, minutes on a loaded one.
    test.setTimeout(480_000);
    buildCheckpoints(work, { only: FAMILIES, dtypes: ['fp32', 'q8'], timeoutMs: 470_000 });
    mirror = await startHubMirror(0, join(work, 'onnx'));
  });
  test.afterAll(async () => {
    await mirror?.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [name, dtype, device] of [
    ['roberta', 'fp32', 'wasm'],
    ...FAMILIES.map((f) => [f, 'q8', 'wasm'] as const),
    ['qwen3-external', 'fp32', 'wasm'],
    ['llama-positions-fp16io', 'fp16', 'wasm'],
    ['qwen3', 'fp32', 'webgpu'],
  ] as const) {
    test(`${name} ${dtype} on ${device}`, async ({ page }) => {
      const all = JSON.parse(readFileSync(join(work, 'onnx', name, 'parity.json'), 'utf8')) as Parity;
      // SwiftShader is slow: WebGPU gets the three shortest inputs.
      const parity =
        device === 'webgpu'
          ? { cases: [...all.cases].sort((a, b) => a.input_ids.length - b.input_ids.length).slice(0, 3) }
          : all;
      const scale = Math.max(1, ...all.cases.flatMap((c) => c.torch.map(Math.abs)));
      const spec: LocalModelSpec = {
        kind: 'local',
        source: { type: 'url', baseUrl: mirror.url, id: `reward-playground/${name}` },
        dtype: dtype as Dtype,
        device,
      };
      const inputs: ScoreInput[] = parity.cases.map((c) => ({
        conversation: c.conversation,
        response: c.response,
      }));
      await page.goto('/e2e/harness/index.html');
      await expect(page.locator('#status')).toHaveText('ready');
      const got = await page.evaluate(
        async ({ spec, inputs }) => {
          const info = await window.engine.load(spec);
          const results = await window.engine.score(info.handle, inputs);
          const rendered = await Promise.all(inputs.map((i) => window.engine.render(info.handle, i)));
          return { info, results, ids: rendered.map((r) => r?.ids ?? []) };
        },
        { spec, inputs },
      );
      expect(got.info.backend, got.info.fallbackReason).toBe(device);
      const tolerance = device === 'webgpu' ? WEBGPU_TOLERANCE : TOLERANCE[dtype]!;
      got.results.forEach((r, i) => {
        const c = parity.cases[i]!;
        expect(got.ids[i], `${c.name}: input ids`).toEqual(c.input_ids);
        r.logits.forEach((v, j) =>
          expect(Math.abs(v - c.onnx[dtype]![j]!) / scale, `${c.name}[${j}]`).toBeLessThan(tolerance),
        );
      });
      if (name.startsWith('qwen3')) {
        expect(mirror.requests).toContain(`/reward-playground/${name}/resolve/main/chat_template.jinja`);
      }
      if (name === 'qwen3-external') {
        expect(mirror.requests).toContain(`/reward-playground/${name}/resolve/main/onnx/model.onnx_data`);
      }
    });
  }
});
