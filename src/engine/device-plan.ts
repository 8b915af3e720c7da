/**
 * Which devices a browser load tries, in order, from what the user asked for and what the WebGPU probe found.
 * Pure, so each case is tested without a GPU: no adapter, a software (fallback) adapter, and an adapter without
 * `shader-f16` for a half-precision model (fp16 or q4f16 weights need it on WebGPU).
 */
import type { Device } from '../core/types';
import type { ExecutionDevice } from './runtime';

export interface GpuFacts {
  available: boolean;
  reason?: string;
  adapter?: string;
  fallbackAdapter?: boolean;
  /** The adapter offers the `shader-f16` feature. */
  shaderF16?: boolean;
}

export function planBrowserDevices(
  requested: Device,
  gpu: GpuFacts | null,
  halfPrecision: boolean,
): { devices: ExecutionDevice[]; note?: string } {
  if (requested === 'wasm' || requested === 'cpu' || !gpu) return { devices: ['wasm'] };
  // Under auto, WASM without an adapter is the plan, not a fallback: the model panel states it once, calmly.
  // A `note` (shown as "Fell back to …") is for a device the user named that cannot be used.
  if (!gpu.available)
    return requested === 'auto'
      ? { devices: ['wasm'] }
      : { devices: ['wasm'], note: `WebGPU unavailable: ${gpu.reason}` };
  if (halfPrecision && !gpu.shaderF16) {
    return {
      devices: ['wasm'],
      note: `WebGPU adapter ${gpu.adapter ?? ''} has no shader-f16, which half-precision weights need on WebGPU`,
    };
  }
  // A software adapter is slower than WASM: auto chooses WASM (the panel says so), a named WebGPU still gets it.
  if (requested === 'auto' && gpu.fallbackAdapter) return { devices: ['wasm'] };
  return { devices: ['webgpu', 'wasm'] };
}
