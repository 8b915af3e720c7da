/**
 * training/onnx_layout.py copies a converted folder into the other ONNX layout (the real-scale bench measures
 * both): weights moved into `<file>_data` and back must load through the engine's external-data path with the
 * very same scores, and config.json must say which files have external data (transformers.js's key).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScoreInput } from '../../src/core/types';
import { weightsAsExternalData } from '../../src/engine/local/inline-weights';
import { loadModel } from '../../src/engine/node';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const skip = process.env.RP_SKIP_TRAINING === '1';
const work = mkdtempSync(join(tmpdir(), 'onnx-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function layout(src: string, dst: string, flag: '--external' | '--single') {
  const r = spawnSync('node', ['training/python.mjs', 'onnx_layout.py', src, dst, flag], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 110_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
}

async function scores(path: string, dtype: 'fp32' | 'q8'): Promise<number[]> {
  const inputs: ScoreInput[] = ['Paris.', 'Lyon, I think.', ''].map((response) => ({
    conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
    response,
  }));
  const backend = await loadModel({ kind: 'local', source: { type: 'path', path }, dtype, device: 'cpu' });
  try {
    return (await backend.score(inputs)).map((r) => ('score' in r ? r.score : NaN));
  } finally {
    await backend.dispose();
  }
}

describe.skipIf(skip)('training/onnx_layout.py', () => {
  it(
    'moves the weights to external data and back without changing a score',
    { timeout: 240_000 },
    async () => {
      const src = join(REPO, 'public/models/tiny-llama-reward');
      const external = join(work, 'external');
      const single = join(work, 'single');
      layout(src, external, '--external');
      layout(external, single, '--single');

      expect(existsSync(join(external, 'onnx/model_quantized.onnx_data'))).toBe(true);
      expect(
        JSON.parse(readFileSync(join(external, 'config.json'), 'utf8'))['transformers.js_config'],
      ).toMatchObject({
        use_external_data_format: { 'model.onnx': 1, 'model_quantized.onnx': 1 },
      });
      expect(existsSync(join(single, 'onnx/model_quantized.onnx_data'))).toBe(false);
      expect(
        JSON.parse(readFileSync(join(single, 'config.json'), 'utf8'))['transformers.js_config'],
      ).toBeUndefined();

      for (const dtype of ['fp32', 'q8'] as const) {
        const want = await scores(src, dtype);
        expect(await scores(external, dtype)).toEqual(want);
        expect(await scores(single, dtype)).toEqual(want);
      }
      // The `onnx` package writes an explicit DEFAULT data_location when it pulls external data back in: the
      // browser's one-file rewrite (local/inline-weights.ts) must still move those weights.
      const file = new Uint8Array(readFileSync(join(single, 'onnx/model_quantized.onnx')));
      const split = weightsAsExternalData(file);
      expect(split?.moved).toBeGreaterThan(0);
      expect(split!.graph.length).toBeLessThan(file.length / 5);
    },
  );

  it('refuses to write into a folder that exists', () => {
    const r = spawnSync(
      'node',
      ['training/python.mjs', 'onnx_layout.py', 'public/models/tiny-llama-reward', work, '--external'],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/exists: name a new folder/);
  });
});
