/**
 * Remote API keys never go into the persisted store: they live in sessionStorage (gone when the tab closes)
 * unless the user opts in to remember them, which moves them to localStorage.
 *
 * Each key is bound to the origin (scheme://host:port) it was entered for and is only ever looked up by
 * that origin: pointing the base URL elsewhere — by hand or through a share link — never sends it there.
 */
const KEY = 'reward-playground.apiKeys';
/** Before keys were bound to an origin: one bare key. Dropped on read, since nobody knows its host. */
const LEGACY_KEY = 'reward-playground.apiKey';

export type ApiKeys = Record<string, string>;

/** The origin a key is bound to, or null when the text is not an http(s) URL. */
export function keyOrigin(baseUrl: string): string | null {
  try {
    const u = new URL(baseUrl.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The key entered for this base URL's origin; '' when there is none. */
export function apiKeyFor(keys: ApiKeys, baseUrl: string): string {
  const origin = keyOrigin(baseUrl);
  return origin !== null && Object.hasOwn(keys, origin) ? (keys[origin] ?? '') : '';
}

function parseKeys(raw: string | null): ApiKeys {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const keys: ApiKeys = {};
    for (const [origin, key] of Object.entries(value)) {
      if (typeof key === 'string' && key && keyOrigin(origin) === origin) keys[origin] = key;
    }
    return keys;
  } catch {
    return {};
  }
}

export function readApiKeys(): ApiKeys {
  try {
    localStorage.removeItem(LEGACY_KEY);
    sessionStorage.removeItem(LEGACY_KEY);
    return { ...parseKeys(sessionStorage.getItem(KEY)), ...parseKeys(localStorage.getItem(KEY)) };
  } catch {
    return {};
  }
}

export function writeApiKeys(keys: ApiKeys, remember: boolean): void {
  try {
    const [keep, drop] = remember ? [localStorage, sessionStorage] : [sessionStorage, localStorage];
    drop.removeItem(KEY);
    if (Object.keys(keys).length > 0) keep.setItem(KEY, JSON.stringify(keys));
    else keep.removeItem(KEY);
  } catch {
    // Storage can be disabled (private mode); the keys then live only in memory, which is the safe side.
  }
}
