/**
 * The remote API key never goes into the persisted store: it lives in sessionStorage (gone when the tab
 * closes) unless the user opts in to remember it, which moves it to localStorage.
 */
const KEY = 'reward-playground.apiKey';

export function readApiKey(): string {
  try {
    return localStorage.getItem(KEY) ?? sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function writeApiKey(key: string, remember: boolean): void {
  try {
    const [keep, drop] = remember ? [localStorage, sessionStorage] : [sessionStorage, localStorage];
    drop.removeItem(KEY);
    if (key) keep.setItem(KEY, key);
    else keep.removeItem(KEY);
  } catch {
    // Storage can be disabled (private mode); the key then lives only in memory, which is the safe side.
  }
}
