import { useEffect, useState, type KeyboardEvent } from 'react';
import { BatchView } from './batch/BatchView';
import './components/chart-setup';
import { ErrorBoundary } from './components/ErrorBoundary';
import { CompareView } from './compare/CompareView';
import { ModelPanel } from './model/ModelPanel';
import { RemoteShareConfirm } from './model/RemoteShareConfirm';
import { ParityView } from './parity/ParityView';
import { ModelsView } from './multi/ModelsView';
import { loadCurrentModel, readServedModels, refreshDtypeOptions } from './model/run-load';
import type { UrlNotice } from './store/open-share';
import { useStore, type Tab } from './store/store';

const TABS: { id: Tab; label: string }[] = [
  { id: 'compare', label: 'Compare' },
  { id: 'models', label: 'Models' },
  { id: 'batch', label: 'Batch' },
  { id: 'parity', label: 'Parity' },
];

/** `initialNotice`: what opening a share link from the URL said (main.tsx reads it once, before rendering). */
export function App({ initialNotice = null }: { initialNotice?: UrlNotice | null }) {
  const tab = useStore((s) => s.tab);
  const setTab = useStore((s) => s.setTab);
  const lesson = useStore((s) => s.lesson);
  const [saved, setNotice] = useState(initialNotice);
  // "Opened the lesson …" is about that lesson: once another one is open (or it is closed) it no longer holds.
  const notice = saved && (saved.lesson === undefined || saved.lesson === lesson) ? saved : null;

  useEffect(() => {
    // The default model loads at start so the examples score right away; other sources wait for the user,
    // because they may download a lot or need an API key.
    // The dtype list is read first, so a saved dtype the model does not ship is replaced before loading.
    if (useStore.getState().settings.sourceKind === 'embedded')
      void refreshDtypeOptions({ automatic: true }).then(() => loadCurrentModel());
    void readServedModels();
  }, []);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -2;
    if (next === -2) return;
    const t = TABS[(next + TABS.length) % TABS.length];
    if (!t) return;
    e.preventDefault();
    setTab(t.id);
    document.getElementById(`tab-${t.id}`)?.focus();
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>Reward Playground</h1>
        <p className="tagline">
          Compare, rank and probe chat responses with reward models — inference runs in your browser.
        </p>
      </header>
      {notice ? (
        <div className={notice.ok ? 'notice ok' : 'notice error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.message}
          <button type="button" className="link" onClick={() => setNotice(null)} aria-label="Dismiss notice">
            ×
          </button>
        </div>
      ) : null}
      <RemoteShareConfirm />
      <div className="layout">
        <aside className="sidebar">
          <ErrorBoundary name="model panel">
            <ModelPanel />
          </ErrorBoundary>
        </aside>
        <main>
          <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
            {TABS.map((t) => (
              <button
                key={t.id}
                id={`tab-${t.id}`}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            <ErrorBoundary key={tab} name={`${TABS.find((t) => t.id === tab)?.label ?? tab} view`}>
              {tab === 'compare' ? (
                <CompareView />
              ) : tab === 'models' ? (
                <ModelsView />
              ) : tab === 'batch' ? (
                <BatchView />
              ) : (
                <ParityView />
              )}
            </ErrorBoundary>
          </div>
        </main>
      </div>
    </div>
  );
}
