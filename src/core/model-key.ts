/**
 * The identity of a model choice: every field of its ModelSpec (source with its host, revision, dtype, device,
 * remote endpoint and key), serialised with sorted keys so that the same choice written in another key order
 * is the same model. Loaded-model handles and load de-duplication key on it.
 */
import type { ModelSpec } from './types';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function modelKey(spec: ModelSpec): string {
  return JSON.stringify(canonical(spec));
}
