import { modelKey } from '../../core/model-key';
import { decodeShare } from '../../core/share';
import { describeSource } from '../../engine/model-source';
import { errorMessage } from '../engine-bridge';
import { lessonById, LESSONS } from './lessons';
import { useStore } from './store';

const PARAM = 'share';

/** The host a remote base URL points at, as the user should read it ("host:port", or the text itself). */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/**
 * Opens a comparison carried in the URL hash (#share=v1.…). Returns a message to show: what was opened, or
 * why the link could not be read. The hash is cleared afterwards so a reload keeps the user's later edits.
 */
export interface UrlNotice {
  ok: boolean;
  message: string;
  /** The lesson the notice is about: it is shown only while that lesson is open. */
  lesson?: string;
}

export function openSharedFromUrl(): UrlNotice | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const lessonId = params.get('lesson');
  if (lessonId !== null) return openLesson(lessonId);
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
      else if (src.type === 'hub')
        s.setSettings({ ...patch, sourceKind: 'hub', hubId: src.id, hubHost: src.host });
      else if (src.type === 'url')
        s.setSettings({ ...patch, sourceKind: 'url', urlBase: src.baseUrl, urlId: src.id });
    }
    // A remote engine is only proposed: nothing (no prompt, no key) goes to its host until the user confirms.
    s.setPendingRemote(model?.kind === 'remote' ? model : null);
    if (shared.weights && model?.kind === 'local' && model.source.type === 'embedded') {
      s.setWeights(model.source.name, shared.weights);
    }
    // A shared lineup replaces the Models view's; its remote engines are left out (nothing goes to a host the
    // user has not chosen), and the user adds them by hand if they want them.
    const lineup = shared.lineup ?? [];
    const localLineup = lineup.filter((m) => m.kind === 'local');
    if (lineup.length > 0) {
      s.setLineup(
        localLineup.map((spec) => ({
          key: modelKey(spec),
          label: `${describeSource(spec.source)} · ${spec.dtype}`,
          spec,
          handle: null,
          info: null,
        })),
      );
    }
    const leftOut =
      lineup.length > localLineup.length
        ? ` Its ${lineup.length - localLineup.length} remote model(s) side by side were left out: add them yourself if you trust their hosts.`
        : '';
    s.setTab(lineup.length > 0 ? 'models' : 'compare');
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const opened = `Opened a shared comparison with ${shared.candidates.length} candidates${lineup.length > 0 ? ` and ${localLineup.length} models side by side` : ''}.${leftOut}`;
    if (model?.kind === 'remote') {
      return {
        ok: true,
        message: `${opened} It was made with a remote engine at ${hostOf(model.baseUrl)}; the current model stays until you confirm that host.`,
      };
    }
    return { ok: true, message: opened };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

/** `#lesson=<id>`: a teacher's link to one of the guided lessons (src/ui/store/lessons.ts). */
function openLesson(id: string): UrlNotice {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const lesson = lessonById(id);
  if (!lesson) {
    return {
      ok: false,
      message: `This link names a lesson "${id}" that does not exist. Lessons: ${LESSONS.map((l) => l.id).join(', ')}.`,
    };
  }
  const s = useStore.getState();
  s.loadComparison(lesson.conversation, lesson.responses);
  s.setLesson(lesson.id);
  s.setTab('compare');
  return { ok: true, message: `Opened the lesson "${lesson.title}".`, lesson: lesson.id };
}
