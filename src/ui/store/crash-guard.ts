/**
 * State that crashed the UI is never restored. When a panel's error boundary catches a render error, the
 * saved state is moved aside (kept under CRASHED_STATE_KEY, never read back automatically) and nothing more
 * is written for the rest of the page's life: a reload then starts clean instead of crashing again.
 */
import type { StateStorage } from 'zustand/middleware';

export const CRASHED_STATE_KEY = 'reward-playground.crashed-state';

let suspended = false;
const persistedKeys = new Set<string>();

function local(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode)
  }
}

/** localStorage, except that writes stop once a crash was recorded. */
export const guardedStorage: StateStorage = {
  getItem: (key) => local()?.getItem(key) ?? null,
  setItem: (key, value) => {
    persistedKeys.add(key);
    if (!suspended) local()?.setItem(key, value);
  },
  removeItem: (key) => local()?.removeItem(key),
};

/** Called by the error boundaries: set the saved state aside and stop saving. */
export function recordCrash(): void {
  if (suspended) return;
  suspended = true;
  const storage = local();
  if (!storage) return;
  for (const key of persistedKeys) {
    const saved = storage.getItem(key);
    if (saved !== null) storage.setItem(CRASHED_STATE_KEY, saved);
    storage.removeItem(key);
  }
}

export function crashRecorded(): boolean {
  return suspended;
}

/** At start: whether the previous page set its state aside after a crash (said once, then forgotten). */
export function takeCrashNotice(): string | null {
  const storage = local();
  if (!storage || storage.getItem(CRASHED_STATE_KEY) === null) return null;
  storage.removeItem(CRASHED_STATE_KEY);
  return 'The last session hit an error while drawing the page, so its saved state was not restored.';
}
