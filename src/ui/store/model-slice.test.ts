import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, specFromSettings } from './model-slice';

describe('specFromSettings', () => {
  it('defaults to the embedded minilm-form-reward model, q8, device auto', () => {
    expect(specFromSettings(DEFAULT_SETTINGS, {})).toEqual({
      kind: 'local',
      source: { type: 'embedded', name: 'minilm-form-reward' },
      dtype: 'q8',
      device: 'auto',
    });
  });

  it('leaves alpha out of the spec (a scoring setting: changing it reloads nothing)', () => {
    const spec = specFromSettings({ ...DEFAULT_SETTINGS, alpha: 10 }, {});
    expect(spec).toEqual(specFromSettings(DEFAULT_SETTINGS, {}));
  });

  it('rejects a malformed Hub id with a message', () => {
    const r = specFromSettings({ ...DEFAULT_SETTINGS, sourceKind: 'hub', hubId: 'not a hub id' }, {});
    expect(r).toMatch(/owner\/name/);
    expect(
      specFromSettings({ ...DEFAULT_SETTINGS, sourceKind: 'hub', hubId: ' org/model ' }, {}),
    ).toMatchObject({
      source: { type: 'hub', id: 'org/model', host: 'https://huggingface.co/' },
    });
    expect(
      specFromSettings(
        { ...DEFAULT_SETTINGS, sourceKind: 'hub', hubId: 'org/model', hubHost: ' http://127.0.0.1:5174 ' },
        {},
      ),
    ).toMatchObject({ source: { host: 'http://127.0.0.1:5174/' } });
  });

  it('requires a http(s) base URL and a model id for remote engines, and carries the key', () => {
    const base = { ...DEFAULT_SETTINGS, sourceKind: 'remote' as const };
    expect(specFromSettings({ ...base, remoteBaseUrl: 'ftp://x' }, {})).toMatch(/base URL/);
    expect(specFromSettings({ ...base, remoteBaseUrl: 'http://127.0.0.1:1' }, {})).toMatch(/model id/);
    expect(
      specFromSettings({ ...base, remoteEngine: 'tei', remoteBaseUrl: 'http://127.0.0.1:1' }, {}),
    ).toMatchObject({ kind: 'remote', engine: 'tei' });
    expect(
      specFromSettings(
        { ...base, remoteBaseUrl: 'http://127.0.0.1:1/v1', remoteModel: 'm' },
        { 'http://127.0.0.1:1': 'secret' },
      ),
    ).toEqual({
      kind: 'remote',
      engine: 'nim',
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'm',
      apiKey: 'secret',
    });
  });

  it('requires base URL and id for a custom Hub-layout server', () => {
    const base = { ...DEFAULT_SETTINGS, sourceKind: 'url' as const };
    expect(specFromSettings({ ...base, urlBase: 'http://127.0.0.1:9' }, {})).toMatch(/model id/);
    expect(specFromSettings({ ...base, urlBase: 'http://127.0.0.1:9', urlId: 'a/b' }, {})).toMatchObject({
      source: { type: 'url', baseUrl: 'http://127.0.0.1:9', id: 'a/b' },
    });
  });
});
