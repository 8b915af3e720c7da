import { describe, expect, it } from 'vitest';
import { baseSessionOptions } from '../runtime';
import { DEFAULT_UNPACK_LIMIT_BYTES as LIMIT, shouldFoldWeights } from './fold-weights';
import { parseModelConfig } from './model-config';

const tiny = { hidden_size: 128, num_hidden_layers: 2, intermediate_size: 384, vocab_size: 8000 };
const llama8b = { hidden_size: 4096, num_hidden_layers: 32, intermediate_size: 14336, vocab_size: 128256 };

function params(sizes: object): number | null {
  return parseModelConfig(
    { model_type: 'llama', architectures: ['LlamaForSequenceClassification'], ...sizes },
    'm',
  ).approxParameters;
}

describe('shouldFoldWeights', () => {
  it('estimates parameters from the config sizes, as an upper bound', () => {
    // The embedded models have 1.4 M parameters; the estimate may overshoot but not undershoot.
    expect(params(tiny)).toBeGreaterThanOrEqual(1.4e6);
    expect(params(tiny)).toBeLessThan(3e6);
    expect(params(llama8b)).toBeGreaterThanOrEqual(8e9);
    expect(params({ hidden_size: 128 })).toBeNull();
  });

  it('unpacks small quantized models on CPU and WASM only', () => {
    const small = params(tiny);
    expect(shouldFoldWeights(true, 'cpu', small, LIMIT)).toBe(true);
    expect(shouldFoldWeights(true, 'wasm', small, LIMIT)).toBe(true);
    expect(shouldFoldWeights(true, 'webgpu', small, LIMIT)).toBe(false);
    expect(shouldFoldWeights(false, 'cpu', small, LIMIT)).toBe(false);
  });

  it('keeps large or unsized models packed', () => {
    expect(shouldFoldWeights(true, 'cpu', params(llama8b), LIMIT)).toBe(false);
    expect(shouldFoldWeights(true, 'cpu', null, LIMIT)).toBe(false);
    // A limit of 0 (REWARD_PLAYGROUND_UNPACK_LIMIT_MB=0 in Node) turns unpacking off.
    expect(shouldFoldWeights(true, 'cpu', 10, 0)).toBe(false);
    expect(shouldFoldWeights(true, 'cpu', LIMIT / 4, LIMIT)).toBe(true);
    expect(shouldFoldWeights(true, 'cpu', LIMIT / 4 + 1, LIMIT)).toBe(false);
  });

  it('turns into the ORT session entry that enables constant folding of DequantizeLinear', () => {
    expect(baseSessionOptions({ quantized: true, foldWeights: true })).toEqual({
      graphOptimizationLevel: 'basic',
      extra: { session: { disable_quant_qdq: '1' } },
    });
    expect(baseSessionOptions({ quantized: true, foldWeights: false })).toEqual({
      graphOptimizationLevel: 'basic',
    });
    expect(baseSessionOptions({ quantized: false, foldWeights: false })).toEqual({
      graphOptimizationLevel: 'all',
    });
    expect(baseSessionOptions({ quantized: false, foldWeights: false, halfPrecision: true })).toEqual({
      graphOptimizationLevel: 'extended',
    });
  });
});
