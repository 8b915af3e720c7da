/**
 * The model panel's runner: loads the model the panel describes, reads which dtypes a local model ships, and
 * which model folders `npm start` serves. It writes the outcome to the store, so every view sees the same model.
 */
import { modelKey } from '../../core/model-key';
import type { ModelSource, ModelSpec } from '../../core/types';
import type { LoadProgress } from '../../engine/contract';
import { engine, errorMessage } from '../engine-bridge';
import {
  localSourceKey,
  preferredDtype,
  specFromSettings,
  type LoadState,
  type ModelSettings,
} from '../store/model-slice';
import { useStore } from '../store/store';

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
