/**
 * Issue 10, item 6, as the model panel renders it (server-side rendering of the real component, store
 * driven by the real engine in Node): after a failed load the panel says which model is still active;
 * alpha is not offered for a remote engine; a remote model's limit and outputs come from the server, not
 * from constants ("Max length 4096" for NIM), and its outputs are listed as soon as it is loaded (issue 11).
 * The happy path runs against our own reward server with a real two-output model.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED, loadEmbedded, startTestServer } from '../../../server/test-support';
import { startFaultServer, type FaultServer } from '../../../test/support/fault-server';
import { buildChatCompletion } from '../../core/nim';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore } = await import('../store/store');
const { loadCurrentModel } = await import('./run-load');
const { ModelPanel } = await import('./ModelPanel');

// Server rendering reads a zustand store's initial state: bring it up to the live state first.
const panel = () => {
  Object.assign(useStore.getInitialState(), useStore.getState());
  return renderToStaticMarkup(createElement(ModelPanel));
};
const text = () =>
  panel()
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

let server: FaultServer;
beforeAll(async () => {
  useInThreadEngine();
  server = await startFaultServer();
  server.script('POST /v1/chat/completions', {
    body: buildChatCompletion({
      id: 'x',
      model: 'rm',
      scores: [
        { name: 'helpfulness', value: 1 },
        { name: 'verbosity', value: 2 },
      ],
      promptTokens: 10,
    }),
  });
});
afterAll(() => server.close());

describe('model panel after loads', () => {
  it('after a failed load, names the model Score still uses', async () => {
    useStore
      .getState()
      .setSettings({ sourceKind: 'embedded', embeddedName: 'tiny-bert-reward', dtype: 'q8' });
    await loadCurrentModel();
    expect(text()).toContain('Ran on');
    useStore.getState().setSettings({ embeddedName: 'tiny-llama-reward', dtype: 'fp16' });
    await loadCurrentModel();
    const t = text();
    expect(t).toContain('File not found');
    expect(t).toContain(
      'Still active: tiny-bert-reward (cpu · q8). Score keeps using it until a load succeeds.',
    );
  });

  it('while loading, says what is happening instead of a byte counter at 0 B', () => {
    useStore.getState().setLoad({ status: 'loading' });
    expect(text()).toContain('Starting…');
    expect(text()).not.toContain('0 B');
    useStore.getState().setLoad({
      status: 'loading',
      progress: { kind: 'status', message: 'Compiling the engine (ONNX Runtime WebAssembly)…' },
    });
    expect(text()).toContain('Compiling the engine (ONNX Runtime WebAssembly)…');
    useStore.getState().setLoad({ status: 'idle' });
  });

  it('does not offer alpha while the form is on a remote engine', async () => {
    useStore.getState().setSettings({ embeddedName: 'tiny-bert-reward', dtype: 'q8' });
    await loadCurrentModel();
    expect(useStore.getState().loaded?.family).toBe('encoder');
    expect(text()).toContain('Alpha');
    useStore.getState().setSettings({ sourceKind: 'remote' });
    expect(text()).not.toContain('Alpha');
  });

  it('lists the outputs of a NIM model served by our own server right after the load', async () => {
    const backend = await loadEmbedded(EMBEDDED[1]);
    const ours = await startTestServer({ backend, modelId: 'our/rm' });
    try {
      const remote = { sourceKind: 'remote', remoteEngine: 'nim', remoteModel: 'our/rm' } as const;
      useStore.getState().setSettings({ ...remote, remoteBaseUrl: `${ours.origin}/v1` });
      await loadCurrentModel();
      expect(useStore.getState().load.status).toBe('ready');
      expect(text()).toContain('Outputs reward, overall');
    } finally {
      await ours.close();
      await backend.dispose();
    }
  });

  it('shows the limit a NIM-style server reports, or says it was not reported', async () => {
    server.script('GET /v1/models', { body: { object: 'list', data: [{ id: 'rm', max_model_len: 256 }] } });
    useStore.getState().setSettings({
      sourceKind: 'remote',
      remoteEngine: 'nim',
      remoteBaseUrl: `${server.url}/v1`,
      remoteModel: 'rm',
    });
    await loadCurrentModel();
    expect(useStore.getState().load.status).toBe('ready');
    expect(text()).toContain('Max length 256 tokens');
    // Known at load (one probe request), before anything is scored.
    expect(text()).toContain('Outputs helpfulness, verbosity');

    server.script('GET /v1/models', { body: { object: 'list', data: [{ id: 'rm2' }] } });
    useStore.getState().setSettings({ remoteModel: 'rm2' });
    await loadCurrentModel();
    expect(useStore.getState().load.status).toBe('ready');
    expect(text()).toContain('Max length not reported by the server');
    expect(text()).not.toContain('4096');
  });
});
