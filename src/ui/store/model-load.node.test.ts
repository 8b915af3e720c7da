/**
 * Issue 10, item 2, through the store's own actions with the real engine (Node runtime, embedded models):
 * the form offers only the dtypes the model ships, a saved dtype it lacks is replaced, a failed load says
 * "File not found", leaves the engine able to load again, and is never persisted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIRROR_ORG, startHubMirror, type HubMirror } from '../../../test/support/hub-mirror';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore, STORAGE_KEY } = await import('./store');
const { loadCurrentModel, refreshDtypeOptions } = await import('../model/run-load');

function savedDtype(): string | undefined {
  const raw = localStorage.getItem(STORAGE_KEY);
  return raw
    ? (JSON.parse(raw) as { state: { settings: { dtype: string } } }).state.settings.dtype
    : undefined;
}

beforeAll(() => {
  useInThreadEngine();
});

describe('loading a dtype the model does not ship', () => {
  it('offers only the shipped dtypes and replaces a saved one the model lacks', async () => {
    useStore
      .getState()
      .setSettings({ sourceKind: 'embedded', embeddedName: 'tiny-llama-reward', dtype: 'q4' });
    await refreshDtypeOptions();
    expect(useStore.getState().dtypeOptions?.dtypes).toEqual(['fp32', 'q8']);
    expect(useStore.getState().settings.dtype).toBe('q8');
  });

  it('fails with "File not found", is not persisted, and the next load works', async () => {
    useStore
      .getState()
      .setSettings({ sourceKind: 'embedded', embeddedName: 'tiny-bert-reward', dtype: 'q8' });
    await loadCurrentModel();
    expect(useStore.getState().load.status).toBe('ready');
    expect(savedDtype()).toBe('q8');

    useStore.getState().setSettings({ dtype: 'fp16' });
    await loadCurrentModel();
    const load = useStore.getState().load;
    expect(load.status).toBe('error');
    expect(load.error).toMatch(/^File not found: tiny-bert-reward has no onnx\/model_fp16\.onnx/);
    expect(load.error).toContain('This model ships: fp32, q8.');
    // The failed dtype never reaches storage: a reload comes back on q8.
    expect(savedDtype()).toBe('q8');

    useStore.getState().setSettings({ dtype: 'fp32' });
    await loadCurrentModel();
    expect(useStore.getState().load.status).toBe('ready');
    expect(useStore.getState().loaded?.dtype).toBe('fp32');
    expect(savedDtype()).toBe('fp32');
  });
});

describe('the Hub host is part of the model', () => {
  const mirrors: HubMirror[] = [];
  afterAll(async () => {
    await Promise.all(mirrors.map((m) => m.close()));
  });

  it('loading the same Hub id after switching the mirror loads it from the new mirror', async () => {
    const a = await startHubMirror();
    const b = await startHubMirror();
    mirrors.push(a, b);
    const id = `${MIRROR_ORG}/tiny-bert-reward`;
    const config = `/${id}/resolve/main/config.json`;
    useStore.getState().setSettings({ sourceKind: 'hub', hubId: id, hubHost: a.url, dtype: 'q8' });
    await loadCurrentModel();
    expect(useStore.getState().load).toMatchObject({ status: 'ready' });
    const first = useStore.getState().loaded?.handle;
    expect(a.requests).toContain(config);

    useStore.getState().setSettings({ hubHost: b.url });
    await loadCurrentModel();
    expect(useStore.getState().load).toMatchObject({ status: 'ready' });
    // Before the host was part of the spec, this returned the model already loaded from mirror A.
    expect(b.requests).toContain(config);
    expect(useStore.getState().loaded?.handle).not.toBe(first);
  });
});
