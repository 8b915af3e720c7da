import { decodeShare } from '../../core/share';
import { errorMessage } from '../engine-bridge';
import { useStore } from './store';

const PARAM = 'share';

/**
 * Opens a comparison carried in the URL hash (#share=v1.…). Returns a message to show: what was opened, or
 * why the link could not be read. The hash is cleared afterwards so a reload keeps the user's later edits.
 */
export function openSharedFromUrl(): { ok: boolean; message: string } | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const encoded = params.get(PARAM);
  if (encoded === null) return null;
  try {
    const shared = decodeShare(encoded);
    const s = useStore.getState();
    s.loadComparison(
      shared.conversation,
      shared.candidates.map((c) => c.text),
    );
    const model = shared.model;
    if (model?.kind === 'local') {
      const src = model.source;
      const patch = { dtype: model.dtype, device: model.device, alpha: model.alpha ?? null };
      if (src.type === 'embedded')
        s.setSettings({ ...patch, sourceKind: 'embedded', embeddedName: src.name });
      else if (src.type === 'hub') s.setSettings({ ...patch, sourceKind: 'hub', hubId: src.id });
      else if (src.type === 'url')
        s.setSettings({ ...patch, sourceKind: 'url', urlBase: src.baseUrl, urlId: src.id });
    } else if (model?.kind === 'remote') {
      s.setSettings({
        sourceKind: 'remote',
        remoteEngine: model.engine,
        remoteBaseUrl: model.baseUrl,
        remoteModel: model.model,
      });
    }
    if (shared.weights && model?.kind === 'local' && model.source.type === 'embedded') {
      s.setWeights(model.source.name, shared.weights);
    }
    s.setTab('compare');
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return { ok: true, message: `Opened a shared comparison with ${shared.candidates.length} candidates.` };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}
