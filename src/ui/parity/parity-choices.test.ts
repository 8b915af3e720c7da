import { describe, expect, it } from 'vitest';
import { isOffered, parityChoices } from './parity-choices';

describe('parityChoices', () => {
  it('one shipped dtype and no WebGPU: a single setting, said as such', () => {
    const c = parityChoices(['q8'], false);
    expect(c).toMatchObject({ devices: ['wasm'], dtypes: ['q8'], single: true });
    expect(c.a).toEqual({ device: 'wasm', dtype: 'q8' });
  });

  it('two shipped dtypes: fp32 against q8 on WASM', () => {
    const c = parityChoices(['fp32', 'q8'], false);
    expect(c.single).toBe(false);
    expect([c.a, c.b]).toEqual([
      { device: 'wasm', dtype: 'fp32' },
      { device: 'wasm', dtype: 'q8' },
    ]);
  });

  it('with WebGPU: the shipped dtype on WASM against WebGPU, and nothing unshipped is offered', () => {
    const c = parityChoices(['q8'], true);
    expect([c.a, c.b]).toEqual([
      { device: 'wasm', dtype: 'q8' },
      { device: 'webgpu', dtype: 'q8' },
    ]);
    expect(isOffered(c, { device: 'wasm', dtype: 'fp32' })).toBe(false);
  });
});
