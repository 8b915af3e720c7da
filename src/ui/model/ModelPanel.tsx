import { useEffect, useState, useSyncExternalStore } from 'react';
import { DtypeSelect } from '../components/DtypeSelect';
import { Explain } from '../components/Explain';
import { ProgressBar } from '../components/ProgressBar';
import { fmtBytes } from '../components/format';
import { useWebGpuProbe } from '../components/use-webgpu-probe';
import { loadCurrentModel, refreshDtypeOptions } from './run-load';
import {
  DEVICES,
  DTYPES,
  EMBEDDED_MODELS,
  localSourceKey,
  REMOTE_ENGINES,
  type SourceKind,
} from '../store/model-slice';
import { apiKeyFor, keyOrigin } from '../store/secret';
import { useStore } from '../store/store';
import type { Device, RemoteEngine } from '../../core/types';
import { gpuLine } from './gpu-line';
import { Field } from '../components/Field';
import { FolderField } from './FolderField';
import { ModelCheck } from './ModelCheck';
import { filesSummary, filesTotals } from './load-files';

const SOURCES: { kind: SourceKind; label: string }[] = [
  { kind: 'embedded', label: 'Embedded' },
  { kind: 'hub', label: 'Hub id' },
  { kind: 'url', label: 'Custom URL' },
  { kind: 'folder', label: 'Folder' },
  { kind: 'remote', label: 'Remote engine' },
];

/** Where the layout stacks the model panel above the views (styles.css): on phones it starts collapsed. */
const STACKED_LAYOUT = '(max-width: 900px)';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof matchMedia !== 'function') return () => undefined;
      const list = matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => typeof matchMedia === 'function' && matchMedia(query).matches,
    () => false,
  );
}

/** Chooses the model (embedded, Hub, custom URL, an opened folder, remote NIM/TEI/vLLM), dtype and device; shows what ran. */
export function ModelPanel() {
  const settings = useStore((s) => s.settings);
  const set = useStore((s) => s.setSettings);
  const apiKeys = useStore((s) => s.apiKeys);
  const keyHost = keyOrigin(settings.remoteBaseUrl);
  const apiKey = apiKeyFor(apiKeys, settings.remoteBaseUrl);
  const setApiKey = useStore((s) => s.setApiKey);
  const loaded = useStore((s) => s.loaded);
  const load = useStore((s) => s.load);
  const gpu = useWebGpuProbe();
  // On a phone the panel would fill the first screen and push the ranking two screens down: it shows one
  // line (the active model) until the user opens it. A failed load stays open, so its message is seen.
  const stacked = useMediaQuery(STACKED_LAYOUT);
  const [expanded, setExpanded] = useState(false);
  const collapsed = stacked && !expanded && load.status !== 'error';
  const remote = settings.sourceKind === 'remote';
  const openedFolder = useStore((s) => s.openedFolder);
  const servedModels = useStore((s) => s.servedModels);
  const sourceKey = localSourceKey(settings, openedFolder);
  const dtypeOptions = useStore((s) => s.dtypeOptions);
  // Only the dtypes the model ships, once its files have been checked; every dtype until then.
  const dtypes = dtypeOptions && dtypeOptions.key === sourceKey ? dtypeOptions.dtypes : DTYPES;

  useEffect(() => {
    if (sourceKey === null) return;
    // Debounced: a Hub id or URL being typed is checked once the typing pauses.
    const timer = setTimeout(() => void refreshDtypeOptions({ automatic: true }), 400);
    return () => clearTimeout(timer);
  }, [sourceKey]);

  if (collapsed) {
    return (
      <section className="panel model-panel collapsed" aria-labelledby="model-heading">
        <div className="row">
          <h2 id="model-heading">Model</h2>
          <span className="hint" data-testid="model-summary">
            {load.status === 'loading'
              ? 'Loading…'
              : loaded
                ? `${loaded.id} · ${loaded.backend} · ${loaded.dtype}`
                : 'No model loaded yet.'}
          </span>
          <button
            type="button"
            aria-expanded={false}
            aria-controls="model-settings"
            onClick={() => setExpanded(true)}
          >
            Change model
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="panel model-panel" aria-labelledby="model-heading" id="model-settings">
      <div className="row">
        <h2 id="model-heading">Model</h2>
        {stacked ? (
          <button
            type="button"
            aria-expanded={true}
            aria-controls="model-settings"
            onClick={() => setExpanded(false)}
          >
            Hide model settings
          </button>
        ) : null}
      </div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void loadCurrentModel();
        }}
      >
        <fieldset className="segmented">
          <legend>Source</legend>
          {SOURCES.map((src) => (
            <label key={src.kind}>
              <input
                type="radio"
                name="source"
                value={src.kind}
                checked={settings.sourceKind === src.kind}
                onChange={() => set({ sourceKind: src.kind })}
              />
              {src.label}
            </label>
          ))}
        </fieldset>

        {settings.sourceKind === 'embedded' ? (
          <Field label="Embedded model">
            <select value={settings.embeddedName} onChange={(e) => set({ embeddedName: e.target.value })}>
              {EMBEDDED_MODELS.map((m) => (
                <option key={m}>{m}</option>
              ))}
              {servedModels.length > 0 ? (
                <optgroup label="From REWARD_PLAYGROUND_MODELS">
                  {servedModels.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </Field>
        ) : null}
        {settings.sourceKind === 'hub' ? (
          <Field label="Hub model id">
            <input
              value={settings.hubId}
              onChange={(e) => set({ hubId: e.target.value })}
              placeholder="Skywork/Skywork-Reward-V2-Qwen3-0.6B"
              spellCheck={false}
            />
          </Field>
        ) : null}
        {settings.sourceKind === 'hub' ? (
          <Field label="Hub host or mirror">
            <input type="url" value={settings.hubHost} onChange={(e) => set({ hubHost: e.target.value })} />
          </Field>
        ) : null}
        {settings.sourceKind === 'url' ? (
          <>
            <Field label="Base URL (Hub layout)">
              <input
                type="url"
                value={settings.urlBase}
                onChange={(e) => set({ urlBase: e.target.value })}
                placeholder="http://localhost:8000"
              />
            </Field>
            <Field label="Model id on that server">
              <input
                value={settings.urlId}
                onChange={(e) => set({ urlId: e.target.value })}
                spellCheck={false}
              />
            </Field>
          </>
        ) : null}
        {settings.sourceKind === 'folder' ? <FolderField /> : null}
        {remote ? (
          <>
            <Field label="Engine">
              <select
                value={settings.remoteEngine}
                onChange={(e) => set({ remoteEngine: e.target.value as RemoteEngine })}
              >
                {REMOTE_ENGINES.map((r) => (
                  <option key={r} value={r}>
                    {r === 'nim' ? 'NVIDIA NIM' : r === 'tei' ? 'Text Embeddings Inference' : 'vLLM'}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Base URL">
              <input
                type="url"
                value={settings.remoteBaseUrl}
                onChange={(e) => set({ remoteBaseUrl: e.target.value })}
                placeholder={
                  settings.remoteEngine === 'nim'
                    ? 'https://integrate.api.nvidia.com/v1'
                    : 'http://localhost:8080'
                }
              />
            </Field>
            <Field label="Model id">
              <input
                value={settings.remoteModel}
                onChange={(e) => set({ remoteModel: e.target.value })}
                placeholder="nvidia/nemotron-4-340b-reward"
                spellCheck={false}
              />
            </Field>
            <Field label="API key">
              <input
                type="password"
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
                autoComplete="off"
                disabled={keyHost === null}
                placeholder={keyHost === null ? 'Enter the base URL first' : ''}
              />
            </Field>
            <p className="hint" data-testid="key-host">
              {keyHost === null
                ? 'A key is kept for one host: enter the base URL first.'
                : `This key is used for ${keyHost} only and never sent to another host.`}
            </p>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.rememberKey}
                onChange={(e) => set({ rememberKey: e.target.checked })}
              />
              Remember the API key on this device
            </label>
            <p className="hint">
              {settings.rememberKey
                ? 'The key is stored in this browser’s localStorage.'
                : 'The key stays in this tab’s sessionStorage and is gone when you close it.'}
            </p>
          </>
        ) : (
          <div className="row">
            <DtypeSelect
              label="dtype"
              value={settings.dtype}
              dtypes={dtypes}
              onChange={(dtype) => set({ dtype })}
            />
            <Field label="Device">
              <select value={settings.device} onChange={(e) => set({ device: e.target.value as Device })}>
                {DEVICES.map((d) => (
                  <option key={d} value={d}>
                    {d === 'auto' ? 'auto' : d === 'webgpu' ? 'WebGPU' : 'WASM'}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        )}
        {gpu && !remote ? (
          <p className="hint" data-testid="webgpu-line" title={gpuLine(gpu).detail}>
            {gpuLine(gpu).text}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={load.status === 'loading'}>
          {load.status === 'loading' ? 'Loading…' : 'Load model'}
        </button>
      </form>

      <LoadStatus />
      {/* Alpha is an encoder setting: not offered while the form is on a remote engine. */}
      {loaded && loaded.family === 'encoder' && !remote ? <AlphaControl defaultAlpha={loaded.alpha} /> : null}
      <ModelCheck />
    </section>
  );
}

function LoadStatus() {
  const load = useStore((s) => s.load);
  const loaded = useStore((s) => s.loaded);
  const loadedSpec = useStore((s) => s.loadedSpec);
  const { count, done, loadedBytes, totalBytes } = filesTotals(load.files);
  const p = load.progress;

  if (load.status === 'loading') {
    const filesText = count > 0 ? `${done}/${count} files` : '';
    return (
      <div className="load-status" aria-live="polite">
        <ProgressBar
          label="Model download"
          value={loadedBytes}
          max={totalBytes}
          // Nothing counted yet (reading config.json, starting the engine): no "0 B", the hint below says what is happening.
          text={
            totalBytes
              ? `${fmtBytes(loadedBytes)} of ${fmtBytes(totalBytes)}${filesText ? ` · ${filesText}` : ''}`
              : undefined
          }
        />
        <p className="hint">
          {p?.kind === 'status' ? p.message : p?.kind === 'download' ? `Fetching ${p.file}` : 'Starting…'}
        </p>
      </div>
    );
  }
  const failed =
    load.status === 'error' ? (
      <p className="error" role="alert">
        {load.error}
      </p>
    ) : null;
  if (!loaded) {
    return (
      <>
        {failed}
        <p className="hint" data-testid="active-model">
          {failed ? 'No model is loaded: Score needs one.' : 'No model loaded yet.'}
        </p>
      </>
    );
  }
  return (
    <div className="load-status">
      {failed}
      {failed ? (
        <p className="warn" role="status" data-testid="active-model">
          Still active: {loaded.id} ({loaded.backend} · {loaded.dtype}). Score keeps using it until a load
          succeeds.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Model</dt>
        <dd>{loaded.id}</dd>
        <dt>Family</dt>
        <dd>{loaded.family === 'remote' ? `remote (${loaded.engine ?? ''})` : loaded.family}</dd>
        <dt>Ran on</dt>
        <dd data-testid="ran-on">
          {loaded.backend} · {loaded.dtype}
          {loaded.weightsUnpacked ? (
            <span title="Dequantized once at load instead of on every run: the same scores, faster runs, fp32-sized weights in memory.">
              {' '}
              (int8 weights unpacked at load)
            </span>
          ) : null}
        </dd>
        <dt>Outputs</dt>
        <dd>{loaded.labels.join(', ')}</dd>
        <dt>Max length</dt>
        <dd>{loaded.maxLengthUnknown ? 'not reported by the server' : `${loaded.maxLength} tokens`}</dd>
        {!failed && (loaded.cached !== undefined || count > 0) ? (
          <>
            <dt>Files</dt>
            <dd>
              {loaded.cached ? (
                <span className="badge ok">cached</span>
              ) : (
                <span className="badge">{filesSummary(load.files, loadedSpec)}</span>
              )}
            </dd>
          </>
        ) : null}
        {load.loadMs !== undefined && !failed ? (
          <>
            <dt>Load time</dt>
            <dd>{(load.loadMs / 1000).toFixed(1)} s</dd>
          </>
        ) : null}
      </dl>
      {loaded.cacheError && !failed ? (
        <p className="warn" role="status" data-testid="cache-error">
          {loaded.cacheError}
        </p>
      ) : null}
      {loaded.fallbackReason ? (
        <p className="warn" role="status">
          Fell back to {loaded.backend}: {loaded.fallbackReason}
        </p>
      ) : null}
    </div>
  );
}

function AlphaControl({ defaultAlpha }: { defaultAlpha: number }) {
  const alpha = useStore((s) => s.settings.alpha);
  const set = useStore((s) => s.setSettings);
  return (
    <div className="alpha">
      <Field label="Alpha (score = logit × alpha)">
        <input
          type="number"
          step="0.5"
          min="0"
          value={alpha ?? defaultAlpha}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            set({ alpha: Number.isFinite(v) ? v : null });
          }}
        />
      </Field>
      <Explain summary="What does alpha do?">
        An encoder reward model outputs one raw logit; the score is that logit multiplied by alpha. Alpha
        stretches every score by the same factor, so the ranking never changes — but gaps grow, and so does
        the win probability σ(Δ) read from them. Some model cards (e.g. nicholasKluge/RewardModel) use alpha
        10 at inference. This model’s default is {defaultAlpha}.
      </Explain>
    </div>
  );
}
