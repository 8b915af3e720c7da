import { describe, expect, it } from 'vitest';
import { planBrowserDevices } from './device-plan';

const gpu = { available: true, adapter: 'NVIDIA H200', fallbackAdapter: false, shaderF16: true };

describe('planBrowserDevices', () => {
  it('tries WebGPU then WASM on a real adapter, WASM alone when asked or when there is none', () => {
    expect(planBrowserDevices('auto', gpu, false)).toEqual({ devices: ['webgpu', 'wasm'] });
    expect(planBrowserDevices('wasm', gpu, false)).toEqual({ devices: ['wasm'] });
    expect(planBrowserDevices('webgpu', { available: false, reason: 'no adapter' }, false)).toEqual({
      devices: ['wasm'],
      note: 'WebGPU unavailable: no adapter',
    });
    // Under auto, no adapter is the plan, not a fallback to warn about.
    expect(planBrowserDevices('auto', { available: false, reason: 'no adapter' }, false)).toEqual({
      devices: ['wasm'],
    });
  });

  it('keeps half-precision weights off an adapter without shader-f16, and says so', () => {
    const noF16 = { ...gpu, shaderF16: false };
    expect(planBrowserDevices('webgpu', noF16, true)).toEqual({
      devices: ['wasm'],
      note: 'WebGPU adapter NVIDIA H200 has no shader-f16, which half-precision weights need on WebGPU',
    });
    // fp32 and int8 weights do not need it.
    expect(planBrowserDevices('webgpu', noF16, false)).toEqual({ devices: ['webgpu', 'wasm'] });
    expect(planBrowserDevices('webgpu', gpu, true)).toEqual({ devices: ['webgpu', 'wasm'] });
  });

  it('under auto, a software adapter is not used; asked for by name, it is', () => {
    const soft = { ...gpu, adapter: 'SwiftShader (software fallback)', fallbackAdapter: true };
    expect(planBrowserDevices('auto', soft, false)).toEqual({ devices: ['wasm'] });
    expect(planBrowserDevices('webgpu', soft, false).devices).toEqual(['webgpu', 'wasm']);
  });
});
