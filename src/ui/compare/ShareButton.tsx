import { useState } from 'react';
import { encodeShare } from '../../core/share';
import { errorMessage } from '../engine-bridge';
import { conversationOf } from '../store/compare-slice';
import { specFromSettings } from '../store/model-slice';
import { useStore } from '../store/store';

export const SHARE_PARAM = 'share';

/** Builds a link carrying the comparison (conversation, candidates, model choice, weights; never the API key). */
export function buildShareUrl(): string {
  const s = useStore.getState();
  const spec = specFromSettings(s.settings, {});
  const weights = s.loaded ? s.weightsByModel[s.loaded.id] : undefined;
  const encoded = encodeShare({
    conversation: conversationOf(s),
    candidates: s.candidates.map((c) => ({ id: c.id, text: c.text })),
    ...(typeof spec === 'string'
      ? {}
      : {
          model:
            spec.kind === 'local' && s.settings.alpha !== null ? { ...spec, alpha: s.settings.alpha } : spec,
        }),
    ...(weights ? { weights } : {}),
    // An opened folder cannot travel in a link: the rest of the lineup does.
    ...(s.lineup.length > 0
      ? {
          lineup: s.lineup
            .map((m) => m.spec)
            .filter((spec) => spec.kind === 'remote' || spec.source.type !== 'files'),
        }
      : {}),
  });
  const url = new URL(window.location.href);
  url.hash = `${SHARE_PARAM}=${encoded}`;
  return url.toString();
}

export function ShareButton() {
  const [message, setMessage] = useState('');
  const [link, setLink] = useState('');
  const share = async () => {
    try {
      const url = buildShareUrl();
      setLink(url);
      window.history.replaceState(null, '', url);
      try {
        await navigator.clipboard.writeText(url);
        setMessage('Link copied to the clipboard.');
      } catch {
        setMessage('Copy the link below.');
      }
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void share()}>
        Share link
      </button>
      {message ? (
        <span className="hint" role="status">
          {message}
        </span>
      ) : null}
      {link ? (
        <input
          className="share-link"
          readOnly
          value={link}
          aria-label="Share link"
          onFocus={(e) => e.target.select()}
        />
      ) : null}
    </div>
  );
}
