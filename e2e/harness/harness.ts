/**
 * A bare page that exposes the real worker client to Playwright (`window.engine`), for engine parity
 * tests and benchmarks in the browser without going through the UI.
 */
import { medianMs } from '../../bench/timing';
import { cachedScorer, explain, planExplain, ScoreCache } from '../../src/core/explain';
import { parseDataset } from '../../src/core/formats';
import { runBatch } from '../../src/ui/batch/run-batch';
import { engine, setEngine } from '../../src/ui/engine-bridge';
import { startWorkerEngine, type WorkerEngine } from '../../src/worker/client';

declare global {
  interface Window {
    engine: WorkerEngine;
    /** The UI's engine (engine-bridge.ts): `window.engine` until the watchdog replaces it. */
    uiEngine: typeof engine;
    /** bench/timing.ts medianMs, so benchmarks time inside the page, not across the CDP connection. */
    medianMs(fn: () => Promise<unknown>, runs: number, warmup?: number): Promise<number>;
    /** The UI's dataset runner (Batch view, model check) on this page's engine, and the UI's dataset parser. */
    runBatch: typeof runBatch;
    parseDataset: typeof parseDataset;
    /** Leave-one-out explanations as the Compare view's Explain runs them (bench/explain.bench.ts). */
    explainKit: {
      planExplain: typeof planExplain;
      explain: typeof explain;
      cachedScorer: typeof cachedScorer;
      ScoreCache: typeof ScoreCache;
    };
  }
}

window.engine = startWorkerEngine();
window.medianMs = medianMs;
setEngine(window.engine);
window.uiEngine = engine;
window.runBatch = runBatch;
window.parseDataset = parseDataset;
window.explainKit = { planExplain, explain, cachedScorer, ScoreCache };
document.getElementById('status')!.textContent = 'ready';
