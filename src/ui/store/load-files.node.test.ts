/**
 * Issue 25: the model panel gave the same model as 23.9 MiB on one load and 24.5 MiB on another. The tokenizer's
 * progress events carried running totals over the tokenizer files, which the store then summed again per file, so
 * the figure depended on which file finished last. Through the store's own load with the real engine (Node runtime,
 * the embedded MiniLM served in the Hub's layout): each file counts once, at its size on disk.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR } from '../../engine/models-dir';
import { MIRROR_ORG, startHubMirror, type HubMirror } from '../../../test/support/hub-mirror';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore } = await import('./store');
const { loadCurrentModel } = await import('../model/run-load');
const { filesSummary } = await import('../model/load-files');

beforeAll(() => {
  useInThreadEngine();
});

describe('the files a load read', () => {
  const mirrors: HubMirror[] = [];
  afterAll(async () => {
    await Promise.all(mirrors.map((m) => m.close()));
  });

  it('counts each file once, at its size, on every load', { timeout: 180_000 }, async () => {
    const dir = join(EMBEDDED_MODELS_DIR, 'minilm-reward');
    const size = (f: string) => statSync(join(dir, f)).size;
    const want = Object.fromEntries(
      ['tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'].map((f) => [
        f,
        { loaded: size(f), total: size(f) },
      ]),
    );
    const mib = (Object.values(want).reduce((a, f) => a + f.total, 0) / 1024 / 1024).toFixed(1);
    for (let i = 0; i < 2; i++) {
      // A new mirror each time: a new host is a new model, loaded again from the start.
      const mirror = await startHubMirror();
      mirrors.push(mirror);
      useStore.getState().setSettings({
        sourceKind: 'hub',
        hubId: `${MIRROR_ORG}/minilm-reward`,
        hubHost: mirror.url,
        dtype: 'q8',
      });
      await loadCurrentModel();
      const { load, loadedSpec } = useStore.getState();
      expect(load.status, load.error).toBe('ready');
      expect(load.files).toEqual(want);
      expect(filesSummary(load.files, loadedSpec)).toBe(`downloaded 3 files, ${mib} MiB`);
    }
  });
});
