/**
 * What the UI tests need to run the store and panels in Node against the real engine: browser storage kept in
 * memory, and an engine client that runs the ScoringEngine in-thread (the worker's job in the browser).
 */
import { vi } from 'vitest';
import { ScoringEngine } from '../../src/engine/engine';
import { nodeRuntime } from '../../src/engine/node';
import { setEngineClient, type EngineClient } from '../../src/worker/client';

export class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** localStorage and sessionStorage for the store's persistence; call before the store is imported. */
export function stubBrowserStorage(): void {
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('sessionStorage', new MemoryStorage());
}

/** An engine client over a fresh in-thread ScoringEngine on the Node runtime (no WebGPU in Node). */
export function inThreadEngineClient(): EngineClient {
  const engine = new ScoringEngine(nodeRuntime);
  return {
    load: (spec, onProgress) => engine.load(spec, onProgress),
    unload: (handle) => engine.unload(handle),
    availableDtypes: (source) => engine.availableDtypes(source),
    score: (handle, inputs, options, requestId, onProgress) =>
      engine.score(handle, inputs, { ...options, onProgress }, requestId),
    render: (handle, input) => engine.render(handle, input),
    prefixCurve: (handle, input, options, requestId) => engine.prefixCurve(handle, input, options, requestId),
    cancel: async (requestId) => engine.cancel(requestId),
    probeWebGpu: async () => ({ available: false, reason: 'Node' }),
    configure: async () => undefined,
  };
}

/** Makes the UI talk to an in-thread engine. */
export function useInThreadEngine(): void {
  setEngineClient(inThreadEngineClient());
}
