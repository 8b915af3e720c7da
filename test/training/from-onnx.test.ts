/**
 * training/from_onnx.py rebuilds the shipped model in PyTorch from its committed q8 ONNX file (the start of
 * `train.py --recipe continue`): the rebuilt model must score as the ONNX file does.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const skip = process.env.RP_SKIP_TRAINING === '1';

describe.skipIf(skip)('training/from_onnx.py', () => {
  it('rebuilds minilm-reward from its q8 ONNX file with the same scores', { timeout: 120_000 }, () => {
    const r = spawnSync('node', ['training/python.mjs', 'from_onnx.py', 'public/models/minilm-reward'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: the rebuilt model scores as the q8 ONNX file does/);
  });
});
