import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { guardedStorage } from './crash-guard';
import { createModelSlice, DEFAULT_SETTINGS, type ModelSlice } from './model-slice';
import type { PrefixCurveResult as PrefixCurve } from '../../engine/contract';
import { readApiKeys, writeApiKeys } from './secret';

export type Tab = 'compare' | 'models' | 'batch' | 'parity';

/** The last prefix curve computed, with what it was computed from (`key`, see curveKey in scoring.ts). */
export interface ShownCurve {
  key: string;
  name: string;
  data: PrefixCurve;
}

interface UiSlice {
  tab: Tab;
  setTab(tab: Tab): void;
  /** Not persisted: a curve belongs to a loaded model. */
  curve: ShownCurve | null;
  setCurve(curve: ShownCurve | null): void;
  /** The open lesson (src/ui/store/lessons.ts), by id. */
  lesson: string | null;
  setLesson(id: string | null): void;
}

export type AppState = CompareSlice & ModelSlice & UiSlice;

export const STORAGE_KEY = 'reward-playground.state';

/**
 * What survives a reload: the user's work and the model settings of the last load that succeeded (plus the
 * "remember the key" choice) — never API keys, a share link's pending engine, loaded handles, live scores, or settings that failed.
 */
export function persistedState(s: AppState) {
  return {
    system: s.system,
    turns: s.turns,
    candidates: s.candidates,
    autoScore: s.autoScore,
    weightsByModel: s.weightsByModel,
    activated: s.activated,
    callThreshold: s.callThreshold,
    checks: s.checks,
    // Handles do not survive a reload, and keys are never persisted with the lineup.
    lineup: s.lineup
      .filter((m) => m.spec.kind === 'remote' || m.spec.source.type !== 'files')
      .map((m) => ({
        ...m,
        handle: null,
        info: null,
        spec: m.spec.kind === 'remote' ? { ...m.spec, apiKey: undefined } : m.spec,
      })),
    // An opened folder cannot come back without the user: after a reload the default model loads instead.
    settings: {
      ...s.savedSettings,
      ...(s.savedSettings.sourceKind === 'folder' ? { sourceKind: 'embedded' as const } : {}),
      rememberKey: s.settings.rememberKey,
    },
    tab: s.tab,
    lesson: s.lesson,
  };
}

export const useStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createCompareSlice(...a),
      ...createModelSlice(...a),
      tab: 'compare',
      setTab: (tab) => a[0]({ tab }),
      curve: null,
      setCurve: (curve) => a[0]({ curve }),
      lesson: null,
      setLesson: (lesson) => a[0]({ lesson }),
    }),
    {
      name: STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => guardedStorage),
      partialize: persistedState,
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<AppState>;
        const settings = { ...DEFAULT_SETTINGS, ...(p.settings ?? {}) };
        return {
          ...current,
          ...p,
          settings,
          savedSettings: settings,
          apiKeys: readApiKeys(),
        };
      },
    },
  ),
);

// Keep the key's storage in step with the key and the "remember" choice.
useStore.subscribe((s, prev) => {
  if (s.apiKeys !== prev.apiKeys || s.settings.rememberKey !== prev.settings.rememberKey) {
    writeApiKeys(s.apiKeys, s.settings.rememberKey);
  }
});
