/**
 * A bare page that exposes the real worker client to Playwright (`window.engine`), for engine parity
 * tests and benchmarks in the browser without going through the UI.
 */
import { getEngine, type EngineClient } from '../../src/worker/client';

declare global {
  interface Window {
    engine: EngineClient;
    /** Median wall time of `fn` (benchmarks time inside the page, not across the CDP connection). */
    medianMs(fn: () => Promise<unknown>, runs: number, warmup?: number): Promise<number>;
  }
}

window.engine = getEngine();
window.medianMs = async (fn, runs, warmup = 10) => {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
};
document.getElementById('status')!.textContent = 'ready';
