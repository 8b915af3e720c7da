/**
 * training/from_onnx.py rebuilds the shipped model in PyTorch from its committed q8 ONNX file (the start of
 * `train.py --recipe continue`): the rebuilt model must score as the ONNX file does.
 */
import { describe, expect, it } from 'vitest';
import { runTrainingScript, SKIP_TRAINING } from './helpers';

describe.skipIf(SKIP_TRAINING)('training/from_onnx.py', () => {
  it('rebuilds minilm-reward from its q8 ONNX file with the same scores', { timeout: 120_000 }, () => {
    const r = runTrainingScript(['from_onnx.py', 'public/models/minilm-reward']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: the rebuilt model scores as the q8 ONNX file does/);
  });
});
