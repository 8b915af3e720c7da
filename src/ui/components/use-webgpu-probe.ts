import { useEffect, useState } from 'react';
import type { WebGpuProbe } from '../../engine/contract';
import { engine } from '../engine-bridge';

/** What the worker finds about WebGPU in this browser (null until it answers), for the panels that offer it. */
export function useWebGpuProbe(): WebGpuProbe | null {
  const [gpu, setGpu] = useState<WebGpuProbe | null>(null);
  useEffect(() => {
    let live = true;
    engine()
      .probeWebGpu()
      .then((p) => live && setGpu(p))
      .catch(() => live && setGpu({ available: false, reason: 'WebGPU probe failed' }));
    return () => {
      live = false;
    };
  }, []);
  return gpu;
}
