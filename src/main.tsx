import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { watchEngineRestarts } from './ui/model/engine-restart';
import { takeCrashNotice } from './ui/store/crash-guard';
import { openSharedFromUrl } from './ui/store/open-share';
import './ui/styles.css';

watchEngineRestarts();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A share link in the URL replaces the saved comparison; read it once, before the first render.
const crashed = takeCrashNotice();
const notice = openSharedFromUrl() ?? (crashed ? { ok: false, message: crashed } : null);
createRoot(root).render(
  <StrictMode>
    <App initialNotice={notice} />
  </StrictMode>,
);
