/**
 * A bare page that exposes the real worker client to Playwright (`window.engine`), for engine parity
 * tests and benchmarks in the browser without going through the UI.
 */
import { getEngine, type EngineClient } from '../../src/worker/client';

declare global {
  interface Window {
    engine: EngineClient;
  }
}

window.engine = getEngine();
document.getElementById('status')!.textContent = 'ready';
