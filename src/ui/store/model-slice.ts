import type { StateCreator } from 'zustand';
import type { CheckSetId } from '../../core/check-sets';
import type { ModelCheckSummary } from '../../core/model-check';
import {
  DEFAULT_HUB_HOST,
  DEVICES as ALL_DEVICES,
  type Device,
  type Dtype,
  type ModelSpec,
  type RemoteEngine,
  type RemoteModelSpec,
} from '../../core/types';
import { DEFAULT_DTYPE, DEFAULT_EMBEDDED_MODEL } from '../../engine/defaults';
import type { LoadProgress, ModelInfo } from '../../engine/contract';
import { apiKeyFor, keyOrigin, type ApiKeys } from './secret';

/** The default first, then its cross-encoder alone (to compare what the form head changes); the tiny models are fast
 * test fixtures (their cards say they are not useful judges). */
export const EMBEDDED_MODELS = [
  DEFAULT_EMBEDDED_MODEL,
  'minilm-reward',
  'tiny-bert-reward',
  'tiny-llama-reward',
] as const;
export { DTYPES, REMOTE_ENGINES } from '../../core/types';
/** The browser's devices ('cpu' is Node's). */
export const DEVICES: readonly Device[] = ALL_DEVICES.filter((d) => d !== 'cpu');

export type SourceKind = 'embedded' | 'hub' | 'url' | 'folder' | 'remote';

/** A model folder the user opened (never persisted: a reload cannot reopen it without the user). */
export interface OpenedFolder {
  name: string;
  fingerprint: string;
  /** By path inside the folder, e.g. `onnx/model_quantized.onnx`. */
  files: Record<string, Blob>;
}

/** What the model form holds (persisted, except the API key). */
export interface ModelSettings {
  sourceKind: SourceKind;
  embeddedName: string;
  hubId: string;
  /** Where Hub ids resolve: the Hub itself, or a mirror in the Hub's URL layout. */
  hubHost: string;
  urlBase: string;
  urlId: string;
  remoteEngine: RemoteEngine;
  remoteBaseUrl: string;
  remoteModel: string;
  /** Keep the API key in localStorage instead of sessionStorage. Off by default. */
  rememberKey: boolean;
  dtype: Dtype;
  device: Device;
  /** Encoder alpha override; null = the model's own. */
  alpha: number | null;
}

export type LoadedModel = ModelInfo & { handle: string };

/** A model in the side-by-side comparison (the Models view): its spec (never an API key) and, once loaded, its handle. */
export interface LineupEntry {
  /** modelKey of the spec. */
  key: string;
  /** What the panel calls it: model id · dtype. */
  label: string;
  spec: ModelSpec;
  /** Null until loaded in this page (handles do not survive a reload). */
  handle: string | null;
  info: ModelInfo | null;
}

export const MAX_LINEUP = 4;

/** One finished check, as kept per model and check set in browser storage. */
export interface StoredCheck {
  /** The check set it ran on; absent in results stored before there was more than one (the human pairs). */
  set?: CheckSetId;
  /** The model id and dtype it ran on (one entry per pair of them, per set). */
  model: string;
  dtype: string;
  backend: string;
  at: string;
  pairs: number;
  /** Pairs whose scoring failed (left out of the figures). */
  failed: number;
  summary: ModelCheckSummary;
}

export interface LoadState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress?: LoadProgress;
  /** Download totals kept across per-file events: bytes per file. */
  files?: Record<string, { loaded: number; total: number }>;
  error?: string;
  startedAt?: number;
  loadMs?: number;
}

/** The dtypes the chosen local model ships, for the source they were read from (`key`). */
export interface DtypeOptions {
  key: string;
  dtypes: Dtype[];
}

export interface ModelSlice {
  settings: ModelSettings;
  /**
   * The settings of the last load that succeeded: the only ones persisted, so a setting that failed to load
   * (a dtype the model does not ship) never comes back after a reload.
   */
  savedSettings: ModelSettings;
  /** Null until read (or for remote engines): the form then offers every dtype. */
  dtypeOptions: DtypeOptions | null;
  /** API keys by the origin they were entered for (see secret.ts); never persisted with the store. */
  apiKeys: ApiKeys;
  /** A remote engine a share link asked for: used only once the user confirms its host. */
  pendingRemote: Omit<RemoteModelSpec, 'apiKey'> | null;
  /** The folder the Folder source opened, if any. */
  openedFolder: OpenedFolder | null;
  /** Model folders `npm start` serves beside the embedded ones (REWARD_PLAYGROUND_MODELS; /models/index.json). */
  servedModels: string[];
  setServedModels(names: string[]): void;
  /** "Check this model" results by `model id · dtype` (persisted: they are shown side by side). */
  checks: Record<string, StoredCheck>;
  saveCheck(key: string, check: StoredCheck): void;
  forgetCheck(key: string): void;
  loaded: LoadedModel | null;
  load: LoadState;
  setOpenedFolder(folder: OpenedFolder | null): void;
  setSettings(patch: Partial<ModelSettings>): void;
  /** Marks these settings as loaded successfully (they persist from now on). */
  commitSettings(settings: ModelSettings): void;
  setDtypeOptions(options: DtypeOptions | null): void;
  /** Sets the key for the origin of the current remote base URL (ignored without a valid base URL). */
  setApiKey(key: string): void;
  setPendingRemote(model: Omit<RemoteModelSpec, 'apiKey'> | null): void;
  /** Switches the form to the remote engine the share link asked for. */
  confirmPendingRemote(): void;
  setLoaded(model: LoadedModel | null, spec?: ModelSpec): void;
  /** The spec the loaded model was loaded from (what the Models view adds to its lineup). */
  loadedSpec: ModelSpec | null;
  lineup: LineupEntry[];
  setLineup(lineup: LineupEntry[]): void;
  setLoad(state: LoadState): void;
}

export const DEFAULT_SETTINGS: ModelSettings = {
  sourceKind: 'embedded',
  embeddedName: DEFAULT_EMBEDDED_MODEL,
  hubId: '',
  hubHost: DEFAULT_HUB_HOST,
  urlBase: '',
  urlId: '',
  remoteEngine: 'nim',
  remoteBaseUrl: '',
  remoteModel: '',
  rememberKey: false,
  dtype: DEFAULT_DTYPE,
  device: 'auto',
  alpha: null,
};

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set) => ({
  settings: DEFAULT_SETTINGS,
  savedSettings: DEFAULT_SETTINGS,
  dtypeOptions: null,
  apiKeys: {},
  pendingRemote: null,
  openedFolder: null,
  servedModels: [],
  setServedModels: (servedModels) => set({ servedModels }),
  checks: {},
  saveCheck: (key, check) => set((s) => ({ checks: { ...s.checks, [key]: check } })),
  forgetCheck: (key) =>
    set((s) => {
      const checks = { ...s.checks };
      delete checks[key];
      return { checks };
    }),
  loaded: null,
  load: { status: 'idle' },
  setOpenedFolder: (openedFolder) => set({ openedFolder }),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  commitSettings: (savedSettings) => set({ savedSettings }),
  setDtypeOptions: (dtypeOptions) => set({ dtypeOptions }),
  setApiKey: (key) =>
    set((s) => {
      const origin = keyOrigin(s.settings.remoteBaseUrl);
      if (origin === null) return {};
      const apiKeys = { ...s.apiKeys };
      if (key) apiKeys[origin] = key;
      else delete apiKeys[origin];
      return { apiKeys };
    }),
  setPendingRemote: (pendingRemote) => set({ pendingRemote }),
  confirmPendingRemote: () =>
    set((s) => {
      const m = s.pendingRemote;
      if (!m) return {};
      return {
        pendingRemote: null,
        settings: {
          ...s.settings,
          sourceKind: 'remote',
          remoteEngine: m.engine,
          remoteBaseUrl: m.baseUrl,
          remoteModel: m.model,
        },
      };
    }),
  setLoaded: (loaded, spec) => set({ loaded, loadedSpec: loaded ? (spec ?? null) : null }),
  loadedSpec: null,
  lineup: [],
  setLineup: (lineup) => set({ lineup }),
  setLoad: (load) => set({ load }),
});

/** Identifies the local model the form names (what its dtype list belongs to); null for remote engines. */
export function localSourceKey(s: ModelSettings, folder: OpenedFolder | null = null): string | null {
  switch (s.sourceKind) {
    case 'folder':
      return folder ? JSON.stringify(['folder', folder.fingerprint]) : null;
    case 'embedded':
      return JSON.stringify(['embedded', s.embeddedName]);
    case 'hub':
      return JSON.stringify(['hub', s.hubHost.trim(), s.hubId.trim()]);
    case 'url':
      return JSON.stringify(['url', s.urlBase.trim(), s.urlId.trim()]);
    case 'remote':
      return null;
  }
}

/** The dtype to offer instead of one the model lacks: q8 (the default) when shipped, else the first. */
export function preferredDtype(available: readonly Dtype[], current: Dtype): Dtype | null {
  if (available.length === 0 || available.includes(current)) return null;
  return available.includes('q8') ? 'q8' : (available[0] ?? null);
}

/** Validates the form and builds the engine's ModelSpec; a string is the message to show instead. */
export function specFromSettings(
  s: ModelSettings,
  apiKeys: ApiKeys,
  folder: OpenedFolder | null = null,
): ModelSpec | string {
  const local = { dtype: s.dtype, device: s.device };
  switch (s.sourceKind) {
    case 'folder':
      if (!folder)
        return 'Open a model folder first (one that reward-playground convert wrote: config.json, tokenizer.json, onnx/).';
      return { kind: 'local', source: { type: 'files', ...folder }, ...local };
    case 'embedded':
      return { kind: 'local', source: { type: 'embedded', name: s.embeddedName }, ...local };
    case 'hub': {
      const id = s.hubId.trim();
      if (!/^[\w.-]+\/[\w.-]+$/.test(id))
        return 'Enter a Hub id as owner/name, e.g. Skywork/Skywork-Reward-V2-Qwen3-0.6B.';
      const host = s.hubHost.trim();
      if (!isHttpUrl(host))
        return 'Enter the Hub host (or mirror) as a URL starting with http:// or https://.';
      return {
        kind: 'local',
        source: { type: 'hub', id, host: host.endsWith('/') ? host : `${host}/` },
        ...local,
      };
    }
    case 'url': {
      const baseUrl = s.urlBase.trim();
      const id = s.urlId.trim();
      if (!isHttpUrl(baseUrl))
        return 'Enter the base URL of a server laid out like the Hub, starting with http:// or https://.';
      if (!id) return 'Enter the model id to fetch from that server.';
      return { kind: 'local', source: { type: 'url', baseUrl, id }, ...local };
    }
    case 'remote': {
      const baseUrl = s.remoteBaseUrl.trim();
      if (!isHttpUrl(baseUrl))
        return `Enter the ${s.remoteEngine.toUpperCase()} base URL, starting with http:// or https://.`;
      if (s.remoteEngine !== 'tei' && !s.remoteModel.trim())
        return 'Enter the model id the remote engine serves.';
      // Only the key entered for this very origin goes along: never one entered for another host.
      const apiKey = apiKeyFor(apiKeys, baseUrl);
      return {
        kind: 'remote',
        engine: s.remoteEngine,
        baseUrl,
        model: s.remoteModel.trim(),
        ...(apiKey ? { apiKey } : {}),
      };
    }
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
