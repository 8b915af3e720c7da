/**
 * Unpacking int8 weights at load (local/fold-weights.ts) really happens in ONNX Runtime — the optimized
 * graph it writes has no DequantizeLinear left — and does not change what the model computes: the folded
 * and the per-run DequantizeLinear sessions give the same logits on a ragged batch (float rounding only).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR, loadModel, nodeRuntime, nodeSettings } from '../../src/engine/node';
import { baseSessionOptions, type OrtTensorLike } from '../../src/engine/runtime';
import { EXPECTED_MODELS, UNPACKS_Q8 } from './reference';
import { hasFoldableWeights } from '../../src/engine/local/fold-weights';

const BATCH = 4;
const LENGTH = 20;

function feeds(inputNames: readonly string[]): Record<string, OrtTensorLike> {
  const ids = BigInt64Array.from({ length: BATCH * LENGTH }, (_, i) => BigInt(5 + ((i * 37) % 7000)));
  // Ragged rows (right padding), as the engine sends them.
  const mask = BigInt64Array.from({ length: BATCH * LENGTH }, (_, i) =>
    i % LENGTH < LENGTH - (i / LENGTH) * 3 ? 1n : 0n,
  );
  const all: Record<string, OrtTensorLike> = {
    input_ids: nodeRuntime.ort.int64(ids, [BATCH, LENGTH]),
    attention_mask: nodeRuntime.ort.int64(mask, [BATCH, LENGTH]),
    token_type_ids: nodeRuntime.ort.int64(new BigInt64Array(BATCH * LENGTH), [BATCH, LENGTH]),
  };
  return Object.fromEntries(inputNames.map((n) => [n, all[n] as OrtTensorLike]));
}

it.each(EXPECTED_MODELS)(
  '%s: the engine unpacks q8 weights only where the file has DequantizeLinear weights',
  (name) => {
    const bytes = readFileSync(join(EMBEDDED_MODELS_DIR, name, 'onnx', 'model_quantized.onnx'));
    expect(hasFoldableWeights(bytes)).toBe(UNPACKS_Q8[name]);
  },
);

describe.each(EXPECTED_MODELS.filter((n) => UNPACKS_Q8[n]))('%s q8', (name) => {
  it('leaves no DequantizeLinear in the optimized graph when weights are unpacked', async () => {
    const model = join(EMBEDDED_MODELS_DIR, name, 'onnx', 'model_quantized.onnx');
    const dir = mkdtempSync(join(tmpdir(), 'rp-fold-'));
    const opsLeft: boolean[] = [];
    for (const foldWeights of [false, true]) {
      const optimizedModelFilePath = join(dir, `${String(foldWeights)}.onnx`);
      const session = await ort.InferenceSession.create(model, {
        ...baseSessionOptions({ quantized: true, foldWeights }),
        optimizedModelFilePath,
      });
      await session.release();
      // op_type is a plain string field in the ONNX protobuf.
      opsLeft.push(readFileSync(optimizedModelFilePath).includes('DequantizeLinear'));
    }
    expect(opsLeft).toEqual([true, false]);
  });

  it('gives the same logits with weights unpacked at load as with per-run dequantization', async () => {
    const bytes = readFileSync(join(EMBEDDED_MODELS_DIR, name, 'onnx', 'model_quantized.onnx'));
    const logits: Float32Array[] = [];
    for (const foldWeights of [false, true]) {
      const session = await nodeRuntime.ort.createSession(bytes, 'cpu', { quantized: true, foldWeights });
      const out = await session.run(feeds(session.inputNames));
      logits.push(out.logits?.data as Float32Array);
      await session.release();
    }
    const [packed, unpacked] = logits as [Float32Array, Float32Array];
    expect(unpacked.length).toBe(packed.length);
    packed.forEach((v, i) => expect(Math.abs(v - (unpacked[i] as number))).toBeLessThan(1e-5));
  });
});

describe('REWARD_PLAYGROUND_UNPACK_LIMIT_MB', () => {
  it('0 keeps the int8 weights packed', async () => {
    const saved = nodeSettings.unpackLimitBytes;
    nodeSettings.unpackLimitBytes = 0;
    try {
      const backend = await loadModel({
        kind: 'local',
        source: { type: 'embedded', name: 'tiny-bert-reward' },
        dtype: 'q8',
        device: 'cpu',
      });
      expect(backend.info.weightsUnpacked).toBe(false);
      await backend.dispose();
    } finally {
      nodeSettings.unpackLimitBytes = saved;
    }
  });

  it('a value that is not a size stops the CLI with a message naming the variable', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ['cli/bin.mjs', 'eval', 'no-file.jsonl', '--model', 'tiny-bert-reward', '--dtype', 'q8'],
      { env: { ...process.env, REWARD_PLAYGROUND_UNPACK_LIMIT_MB: 'lots' } },
    ).catch((e: { code: number; stderr: string }) => e);
    expect('code' in result ? result.code : 0).toBe(2);
    expect(result.stderr).toMatch(/REWARD_PLAYGROUND_UNPACK_LIMIT_MB="lots" is not a number of MiB/);
  });
});
