import type { WebGpuProbe } from '../../engine/contract';

/**
 * The one line the model panel says about WebGPU: what the device setting will run on here. Running on WASM
 * because there is no adapter is normal (most machines without a GPU), so it is said once, as information; the
 * probe's technical reason goes in `detail` (a tooltip), not in the text.
 */
export function gpuLine(gpu: WebGpuProbe): { text: string; detail?: string } {
  if (gpu.available && !gpu.fallbackAdapter)
    return { text: `WebGPU: available (${gpu.adapter ?? 'adapter'})` };
  if (gpu.available)
    return {
      text: `Only a software WebGPU adapter (${gpu.adapter ?? 'unknown'}) — device "auto" runs on WebAssembly (CPU), which is faster here`,
    };
  const what = gpu.missing === 'api' ? 'This browser has no WebGPU' : 'No WebGPU adapter';
  return { text: `${what} — running on WebAssembly (CPU)`, ...(gpu.reason ? { detail: gpu.reason } : {}) };
}
