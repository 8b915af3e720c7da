/**
 * What the UI tests need to run the store and panels in Node against the real engine: browser storage kept in
 * memory, and the in-thread ScoringEngine where the browser has the worker client (both are a RewardEngine).
 */
import { vi } from 'vitest';
import { ScoringEngine } from '../../src/engine/engine';
import { nodeRuntime } from '../../src/engine/node';
import { setEngine } from '../../src/ui/engine-bridge';

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

/** Makes the UI talk to a fresh in-thread engine on the Node runtime (no WebGPU in Node). */
export function useInThreadEngine(): void {
  setEngine(new ScoringEngine(nodeRuntime));
}
