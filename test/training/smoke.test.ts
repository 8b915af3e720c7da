/**
 * `npm run train -- --smoke --out DIR` runs end to end (tokenizers, training, export, quantization, references)
 * and what it writes loads in onnxruntime-node and transformers.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff, readReference } from './helpers';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PYTHON = '/usr/bin/python3';

function torchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { encoding: 'utf8' });
  return r.status === 0
    ? null
    : `${PYTHON} cannot import torch/onnx (apt-get install -y python3-torch python3-onnx)`;
}

const reason = torchMissing();
if (reason) console.warn(`skipping training smoke test: ${reason}`);

describe.skipIf(reason !== null)('npm run train -- --smoke', () => {
  const out = mkdtempSync(join(tmpdir(), 'rp-train-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('trains, exports and writes loadable models', { timeout: 300_000 }, async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.train).toContain('training/train.py');
    const r = spawnSync('npm', ['run', 'train', '--', '--smoke', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 290_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/epoch 1\/1 loss [\d.]+ .*val acc/);
    for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
      const dir = join(out, name);
      for (const f of [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'README.md',
        'onnx/model.onnx',
      ]) {
        expect(existsSync(join(dir, f)), `${name}/${f}`).toBe(true);
      }
      const ref = readReference(dir);
      expect(ref.cases.length).toBeGreaterThanOrEqual(10);
      expect(await maxDiff(join(dir, 'onnx/model.onnx'), ref, (c) => c.fp32.logits)).toBeLessThan(1e-4);
      expect(await maxDiff(join(dir, 'onnx/model_quantized.onnx'), ref, (c) => c.q8.logits)).toBeLessThan(
        1e-3,
      );
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = `${out}/`;
      const tok = await AutoTokenizer.from_pretrained(name);
      expect(tok('hello').input_ids.dims[1]).toBeGreaterThan(0);
    }
  });
});
