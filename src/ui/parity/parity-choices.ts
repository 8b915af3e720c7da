/**
 * Which settings the Parity check offers for the loaded model, and the pair it starts on: only the dtypes its
 * folder ships and the devices this browser has, so the default pair runs (the old fp32 default needed a file
 * minilm-reward does not ship). With one possible setting there is nothing to compare, and `single` says so.
 */
import type { Device, Dtype } from '../../core/types';
import type { ParitySetting } from './run-parity';

export interface ParityChoices {
  devices: Device[];
  dtypes: Dtype[];
  a: ParitySetting;
  b: ParitySetting;
  /** Only one setting can run: A and B would be the same run. */
  single: boolean;
}

export function parityChoices(shipped: readonly Dtype[], webgpu: boolean): ParityChoices {
  const dtypes = [...shipped];
  const devices: Device[] = webgpu ? ['wasm', 'webgpu'] : ['wasm'];
  const main: Dtype = dtypes.includes('q8') ? 'q8' : (dtypes[0] ?? 'q8');
  if (webgpu)
    return {
      devices,
      dtypes,
      a: { device: 'wasm', dtype: main },
      b: { device: 'webgpu', dtype: main },
      single: false,
    };
  const other = dtypes.find((d) => d !== main);
  if (other) {
    // Full precision as the reference when it ships.
    const ref = dtypes.includes('fp32') ? 'fp32' : main;
    const test = ref === main ? other : main;
    return {
      devices,
      dtypes,
      a: { device: 'wasm', dtype: ref },
      b: { device: 'wasm', dtype: test },
      single: false,
    };
  }
  return {
    devices,
    dtypes,
    a: { device: 'wasm', dtype: main },
    b: { device: 'wasm', dtype: main },
    single: true,
  };
}

export function isOffered(choices: ParityChoices, s: ParitySetting): boolean {
  return choices.devices.includes(s.device) && choices.dtypes.includes(s.dtype);
}
