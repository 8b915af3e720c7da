/**
 * A bare page that exposes the real worker client to Playwright (`window.engine`), for engine parity
 * tests and benchmarks in the browser without going through the UI.
 */
import { medianMs } from '../../bench/timing';
import { startWorkerEngine, type WorkerEngine } from '../../src/worker/client';

declare global {
  interface Window {
    engine: WorkerEngine;
    /** bench/timing.ts medianMs, so benchmarks time inside the page, not across the CDP connection. */
    medianMs(fn: () => Promise<unknown>, runs: number, warmup?: number): Promise<number>;
  }
}

window.engine = startWorkerEngine();
window.medianMs = medianMs;
document.getElementById('status')!.textContent = 'ready';
