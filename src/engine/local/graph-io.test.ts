import { describe, expect, it } from 'vitest';
import type { OrtSessionLike, OrtTensorLike } from '../runtime';
import { checkGraphInputs, positionIds, readLogits } from './graph-io';

function session(inputNames: string[], outputNames = ['logits']): OrtSessionLike {
  return {
    inputNames,
    outputNames,
    run: () => Promise.reject(new Error('not run here')),
    release: () => Promise.resolve(),
  };
}
const tensor = (type: string, data: unknown, dims: number[]): OrtTensorLike => ({ type, data, dims });

describe('graph inputs and outputs', () => {
  it('refuses a graph that wants inputs the engine cannot fill, naming them', () => {
    expect(() => checkGraphInputs(session(['input_ids', 'attention_mask', 'position_ids']))).not.toThrow();
    expect(() => checkGraphInputs(session(['input_ids']))).toThrow(/no "attention_mask" input/);
    expect(() => checkGraphInputs(session(['input_ids', 'attention_mask', 'past_key_values.0.key']))).toThrow(
      /past_key_values\.0\.key \(a KV cache/,
    );
  });

  it('numbers positions along each row', () => {
    expect(Array.from(positionIds(2, 3))).toEqual([0n, 1n, 2n, 0n, 1n, 2n]);
  });

  it('reads float16 logits given as raw 16-bit words', () => {
    // 1.0, -2.5, 0.000061035 (smallest normal), 65504 (largest), -0
    const words = Uint16Array.from([0x3c00, 0xc100, 0x0400, 0x7bff, 0x8000]);
    const got = readLogits(session(['input_ids']), { logits: tensor('float16', words, [5, 1]) });
    expect(Array.from(got)).toEqual([1, -2.5, 2 ** -14, 65504, -0]);
  });

  it('passes float32 through and refuses other types or shapes', () => {
    const f = Float32Array.from([0.5]);
    expect(readLogits(session([]), { logits: tensor('float32', f, [1, 1]) })).toBe(f);
    expect(() => readLogits(session([]), { logits: tensor('int32', Int32Array.from([1]), [1, 1]) })).toThrow(
      /int32 logits/,
    );
    expect(() => readLogits(session([]), { logits: tensor('float32', f, [1]) })).toThrow(/\[batch, labels\]/);
  });
});
