/**
 * Issue 10, item 3: a share link could hand the user's API key to a stranger. Opening a link never switches
 * to a remote engine without a confirmation naming the host, and a stored key is bound to the origin it was
 * entered for: it never goes into a spec (so never into a request) for any other host.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer } from 'node:http';
import { encodeShare } from '../../core/share';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

const NIM = 'https://integrate.api.nvidia.com/v1';
const STRANGER = 'http://collector.example:8000/v1';

stubBrowserStorage();
const page = { location: new URL('http://127.0.0.1:5173/'), history: { replaceState: () => undefined } };
vi.stubGlobal('window', page);

const { useStore } = await import('./store');
const { openSharedFromUrl } = await import('./open-share');
const { specFromSettings } = await import('./model-slice');
const { readApiKeys } = await import('./secret');
const { refreshDtypeOptions } = await import('../model/run-load');

function openLink(baseUrl: string): ReturnType<typeof openSharedFromUrl> {
  const encoded = encodeShare({
    conversation: { turns: [{ role: 'user', content: 'my private prompt' }] },
    candidates: [
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two' },
    ],
    model: { kind: 'remote', engine: 'nim', baseUrl, model: 'nvidia/nemotron-4-340b-reward' },
  });
  page.location = new URL(`http://127.0.0.1:5173/#share=${encoded}`);
  return openSharedFromUrl();
}

beforeEach(() => {
  const s = useStore.getState();
  s.setPendingRemote(null);
  s.setSettings({
    sourceKind: 'remote',
    remoteEngine: 'nim',
    remoteBaseUrl: NIM,
    remoteModel: 'm',
    rememberKey: true,
  });
  s.setApiKey('nvapi-users-own-key');
});

describe('share links and API keys', () => {
  it('a link naming a remote engine only proposes it; the key never goes to that host', () => {
    const notice = openLink(STRANGER);
    expect(notice?.ok).toBe(true);
    expect(notice?.message).toContain('collector.example:8000');
    let s = useStore.getState();
    // Still the user's own engine, with the user's key, until they confirm.
    expect(s.settings.remoteBaseUrl).toBe(NIM);
    expect(s.pendingRemote).toMatchObject({ baseUrl: STRANGER });
    expect(s.candidates.map((c) => c.text)).toEqual(['one', 'two']);

    s.confirmPendingRemote();
    s = useStore.getState();
    expect(s.settings.remoteBaseUrl).toBe(STRANGER);
    const spec = specFromSettings(s.settings, s.apiKeys);
    expect(spec).toMatchObject({ kind: 'remote', baseUrl: STRANGER });
    expect(spec).not.toHaveProperty('apiKey');
  });

  it('a key is bound to the origin it was entered for', () => {
    const s = useStore.getState();
    expect(specFromSettings(s.settings, s.apiKeys)).toMatchObject({ apiKey: 'nvapi-users-own-key' });
    for (const other of [
      'http://integrate.api.nvidia.com/v1', // another scheme
      'https://integrate.api.nvidia.com.evil.example/v1', // another host
      'https://integrate.api.nvidia.com:8443/v1', // another port
    ]) {
      expect(specFromSettings({ ...s.settings, remoteBaseUrl: other }, s.apiKeys)).not.toHaveProperty(
        'apiKey',
      );
    }
    // Stored by origin, and read back by origin only.
    expect(readApiKeys()).toEqual({ 'https://integrate.api.nvidia.com': 'nvapi-users-own-key' });
  });

  it('a key saved before keys were bound to a host is dropped, not sent anywhere', () => {
    localStorage.setItem('reward-playground.apiKey', 'legacy-key');
    expect(readApiKeys()).not.toContain('legacy-key');
    expect(localStorage.getItem('reward-playground.apiKey')).toBeNull();
  });
});

describe('a link naming a model host', () => {
  it('makes no request to that host until the user loads it', async () => {
    useInThreadEngine();
    const seen: string[] = [];
    const host = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => host.listen(0, '127.0.0.1', ok));
    const port = (host.address() as { port: number }).port;
    try {
      const encoded = encodeShare({
        conversation: { turns: [{ role: 'user', content: 'my private prompt' }] },
        candidates: [
          { id: 'a', text: 'one' },
          { id: 'b', text: 'two' },
        ],
        model: {
          kind: 'local',
          source: { type: 'url', baseUrl: `http://127.0.0.1:${port}`, id: 'someone/model' },
          dtype: 'q8',
          device: 'auto',
        },
      });
      page.location = new URL(`http://127.0.0.1:5173/#share=${encoded}`);
      openSharedFromUrl();
      expect(useStore.getState().settings.sourceKind).toBe('url');
      // What the model panel does when the form changes: the automatic check stays off other hosts.
      await refreshDtypeOptions({ automatic: true });
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((ok) => host.close(() => ok()));
    }
  });
});
