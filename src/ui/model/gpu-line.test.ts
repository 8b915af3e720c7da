import { describe, expect, it } from 'vitest';
import { gpuLine } from './gpu-line';

describe('gpuLine', () => {
  it('says calmly that there is no adapter, with the probe reason only as a detail', () => {
    const line = gpuLine({
      available: false,
      missing: 'adapter',
      reason: 'navigator.gpu.requestAdapter() returned no adapter',
    });
    expect(line.text).toBe('No WebGPU adapter — running on WebAssembly (CPU)');
    expect(line.text).not.toMatch(/requestAdapter/);
    expect(line.detail).toMatch(/requestAdapter/);
  });

  it('names a browser without WebGPU, a software adapter and a real one', () => {
    expect(gpuLine({ available: false, missing: 'api' }).text).toBe(
      'This browser has no WebGPU — running on WebAssembly (CPU)',
    );
    expect(gpuLine({ available: true, adapter: 'SwiftShader', fallbackAdapter: true }).text).toMatch(
      /^Only a software WebGPU adapter \(SwiftShader\) — device "auto" runs on WebAssembly/,
    );
    expect(gpuLine({ available: true, adapter: 'NVIDIA H100' }).text).toBe('WebGPU: available (NVIDIA H100)');
  });
});
