/**
 * Actions that involve the worker: loading the chosen model and scoring the comparison. They read and
 * write the store, so any view (compare, probes, parity) triggers the same behaviour.
 */
import { modelKey } from '../../core/model-key';
import type { ModelSource, ModelSpec, ScoreInput, ScoringSettings } from '../../core/types';
import type { LoadProgress } from '../../engine/contract';
import { cancellable, engine, errorMessage, isCancelled, type Cancellable } from '../engine-bridge';
import { isEmptyAnswer } from '../compare/ranking-model';
import { conversationOf, type CandidateScore } from './compare-slice';
import {
  localSourceKey,
  preferredDtype,
  specFromSettings,
  type LoadedModel,
  type LoadState,
  type ModelSettings,
} from './model-slice';
import { useStore, type AppState } from './store';

/** A call asked for again with the same key while it runs joins the running one. */
function joiner() {
  let current: { key: string; promise: Promise<void> } | null = null;
  return {
    run(key: string, start: () => Promise<void>): Promise<void> {
      if (current?.key === key) return current.promise;
      const promise = start().finally(() => {
        if (current?.promise === promise) current = null;
      });
      current = { key, promise };
      return promise;
    },
    forget(): void {
      current = null;
    },
  };
}

let loadSeq = 0;
const loads = joiner();

/** Loads the model the panel describes; asking again for the same model while it loads joins that load. */
export function loadCurrentModel(): Promise<void> {
  const s = useStore.getState();
  const spec = specFromSettings(s.settings, s.apiKeys, s.openedFolder);
  if (typeof spec === 'string') {
    // The user asked for something else: a load still running must not overwrite this message.
    loadSeq++;
    loads.forget();
    s.setLoad({ status: 'error', error: spec });
    return Promise.resolve();
  }
  return loads.run(modelKey(spec), () => runLoad(spec, s.settings));
}

async function runLoad(spec: ModelSpec, settings: ModelSettings): Promise<void> {
  const s = useStore.getState();
  const seq = ++loadSeq;
  const startedAt = performance.now();
  const files: NonNullable<LoadState['files']> = {};
  s.setLoad({ status: 'loading', startedAt, files });
  const onProgress = (p: LoadProgress) => {
    if (seq !== loadSeq) return;
    if (p.kind === 'download') files[p.file] = { loaded: p.loadedBytes, total: p.totalBytes };
    useStore.getState().setLoad({ status: 'loading', startedAt, progress: p, files: { ...files } });
  };
  try {
    const previous = useStore.getState().loaded;
    const model = await engine().load(spec, { onProgress });
    if (seq !== loadSeq) return;
    useStore.getState().setLoaded(model, spec);
    useStore.getState().commitSettings(settings);
    useStore
      .getState()
      .setLoad({ status: 'ready', files: { ...files }, loadMs: performance.now() - startedAt });
    // The previous model stays loaded while the Models view compares with it.
    const pinned = useStore.getState().lineup.some((m) => m.handle === previous?.handle);
    if (previous && previous.handle !== model.handle && !pinned)
      void engine()
        .unload(previous.handle)
        .catch(() => undefined);
    // The user chose this source: its dtype list can be read now (only shipped dtypes are offered).
    void refreshDtypeOptions();
  } catch (e) {
    if (seq !== loadSeq) return;
    useStore.getState().setLoad({ status: 'error', error: errorMessage(e), files: { ...files } });
  }
}

/**
 * Reads which dtypes the chosen local model ships and keeps the form on one of them: a dtype the model
 * lacks is replaced by q8 (or the first it has). Remote engines have no dtype.
 */
const dtypeChecks = joiner();

export function refreshDtypeOptions(options: { automatic?: boolean } = {}): Promise<void> {
  const s = useStore.getState();
  const key = localSourceKey(s.settings, s.openedFolder);
  const spec = specFromSettings(s.settings, {}, s.openedFolder);
  if (key === null || typeof spec === 'string' || spec.kind !== 'local') {
    s.setDtypeOptions(null);
    return Promise.resolve();
  }
  // Unasked, only this app's own files are checked: a Hub id or URL (perhaps from a share link) is
  // contacted when the user loads it, never merely because the form names it.
  if (options.automatic && spec.source.type !== 'embedded' && spec.source.type !== 'files')
    return Promise.resolve();
  if (s.dtypeOptions?.key === key) return Promise.resolve();
  // Asking again for the same model while its files are being checked joins that check.
  return dtypeChecks.run(key, () => checkDtypes(key, spec.source));
}

async function checkDtypes(key: string, source: ModelSource): Promise<void> {
  try {
    const dtypes = await engine().availableDtypes(source);
    const now = useStore.getState();
    if (localSourceKey(now.settings, now.openedFolder) !== key) return; // the user chose another model meanwhile
    // None found (offline, or nothing there): keep every choice and let the load say what is wrong.
    now.setDtypeOptions(dtypes.length > 0 ? { key, dtypes } : null);
    const replacement = preferredDtype(dtypes, now.settings.dtype);
    if (replacement) now.setSettings({ dtype: replacement });
  } catch {
    useStore.getState().setDtypeOptions(null);
  }
}

/**
 * The user's scoring settings for a loaded model, as every view (Compare, Batch, Parity, the prefix curve) passes
 * them to the engine: the weights set for this model id, and alpha for encoders when the user set one.
 */
export function scoringOf(
  s: { settings: { alpha: number | null }; weightsByModel: AppState['weightsByModel'] },
  model: { id: string; family: LoadedModel['family'] },
): ScoringSettings {
  const weights = s.weightsByModel[model.id];
  const alpha = s.settings.alpha;
  return {
    ...(weights ? { weights } : {}),
    ...(alpha !== null && model.family === 'encoder' ? { alpha } : {}),
  };
}

/** Identifies what a score was computed from; a candidate's score is stale when its key changes. */
export function scoreKey(
  s: {
    loaded: { handle: string } | null;
    settings: { alpha: number | null };
    system: string;
    turns: AppState['turns'];
  },
  text: string,
): string {
  return JSON.stringify([s.loaded?.handle ?? '', s.settings.alpha, s.system.trim(), s.turns, text]);
}

/**
 * Identifies what a prefix curve was computed from: the model, alpha, the weights, the conversation and the
 * candidate's text. A curve whose key no longer matches is outdated.
 */
export function curveKey(s: AppState, candidateId: string): string {
  const c = s.candidates.find((x) => x.id === candidateId);
  const weights = s.loaded ? (s.weightsByModel[s.loaded.id] ?? null) : null;
  return JSON.stringify([candidateId, scoreKey(s, c?.text ?? ''), weights]);
}

export function scoreInputsOf(s: AppState): { ids: string[]; inputs: ScoreInput[] } {
  const conversation = conversationOf(s);
  return {
    ids: s.candidates.map((c) => c.id),
    inputs: s.candidates.map((c) => ({ conversation, response: c.text })),
  };
}

let running: Cancellable<unknown> | null = null;

export interface ScoringStatus {
  busy: boolean;
  done: number;
  total: number;
  error?: string;
}

/**
 * Scores the candidates whose inputs changed since they were last scored (all of them with `force`).
 * A newer call cancels an older one still running.
 */
export async function scoreComparison(onStatus: (st: ScoringStatus) => void, force = false): Promise<void> {
  const s = useStore.getState();
  const model = s.loaded;
  if (!model) {
    onStatus({ busy: false, done: 0, total: 0, error: 'Load a model first (Model panel).' });
    return;
  }
  // Empty answers are flagged in the ranking, never scored: a model gives "" a score that can even win.
  const todo = s.candidates.filter(
    (c) => !isEmptyAnswer(c.text) && (force || s.scores[c.id]?.key !== scoreKey(s, c.text)),
  );
  if (todo.length === 0) return;
  const conversation = conversationOf(s);
  const inputs = todo.map((c) => ({ conversation, response: c.text }));
  const keys = todo.map((c) => scoreKey(s, c.text));
  const options = { ...scoringOf(s, model), truncate: true };
  running?.cancel();
  const call = cancellable((signal) =>
    engine().score(model.handle, inputs, {
      ...options,
      signal,
      onProgress: (done, total) => onStatus({ busy: true, done, total }),
    }),
  );
  running = call;
  onStatus({ busy: true, done: 0, total: inputs.length });
  try {
    const results = await call.promise;
    const next: Record<string, CandidateScore> = {};
    todo.forEach((c, i) => {
      const key = keys[i] ?? '';
      const result = results[i];
      next[c.id] = result
        ? { key, result }
        : { key, error: 'The engine returned no result for this candidate.' };
    });
    useStore.getState().setScores(next);
    onStatus({ busy: false, done: inputs.length, total: inputs.length });
  } catch (e) {
    if (isCancelled(e)) return;
    onStatus({ busy: false, done: 0, total: inputs.length, error: errorMessage(e) });
  } finally {
    if (running === call) running = null;
  }
}

/**
 * Reads which converted model folders `npm start` serves beside the embedded ones (REWARD_PLAYGROUND_MODELS,
 * scripts/models-folder-plugin.ts). Without that folder there is no index: the answer is not JSON (or a 404),
 * and the list stays as shipped.
 */
export async function readServedModels(): Promise<void> {
  try {
    const r = await fetch(`${import.meta.env.BASE_URL}models/index.json`, { cache: 'no-store' });
    if (!r.ok || !/json/.test(r.headers.get('content-type') ?? '')) return;
    const body = (await r.json()) as { fromFolder?: unknown };
    const names = Array.isArray(body.fromFolder) ? body.fromFolder.filter((n) => typeof n === 'string') : [];
    useStore.getState().setServedModels(names);
  } catch {
    // No index: nothing to add.
  }
}
