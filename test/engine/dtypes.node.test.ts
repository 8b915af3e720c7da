/**
 * A dtype the model does not ship (issue 10, item 2): the engine lists only the dtypes whose files are
 * really there, refuses a missing one with "File not found" before ONNX Runtime sees it — also when the
 * server answers the missing file with an HTML page and a 200, as Vite's dev server does — and the same
 * engine then loads a dtype that exists.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RewardError } from '../../src/core/errors';
import { ScoringEngine } from '../../src/engine/engine';
import { dtypesInFileList, looksLikeOnnx } from '../../src/engine/local/dtypes';
import { nodeRuntime } from '../../src/engine/node';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/models-dir';
import { MIRROR_ORG, startHubMirror, type HubMirror } from '../support/hub-mirror';

let mirror: HubMirror;
beforeAll(async () => {
  mirror = await startHubMirror(0, undefined, { htmlFallback: true });
  env.cacheDir = mkdtempSync(join(tmpdir(), 'rp-cache-'));
});
afterAll(() => mirror.close());

const urlSource = (name: string) => ({
  type: 'url' as const,
  baseUrl: mirror.url,
  id: `${MIRROR_ORG}/${name}`,
});

describe('dtypes a model ships', () => {
  it('are read from its files: the embedded models have fp32 and q8 only', async () => {
    const engine = new ScoringEngine(nodeRuntime);
    for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
      expect(await engine.availableDtypes({ type: 'embedded', name })).toEqual(['fp32', 'q8']);
      // Over HTTP from a server that answers missing files with index.html: the HTML does not count.
      expect(await engine.availableDtypes(urlSource(name))).toEqual(['fp32', 'q8']);
    }
    expect(dtypesInFileList(['config.json', 'onnx/model.onnx', 'onnx/model_q4.onnx'])).toEqual([
      'fp32',
      'q4',
    ]);
    expect(looksLikeOnnx(new TextEncoder().encode('<!doctype html>'))).toBe(false);
  });

  for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
    it(`${name}: a missing dtype answered with index.html says "File not found"; the engine then loads q8`, async () => {
      const engine = new ScoringEngine(nodeRuntime);
      const spec = { kind: 'local' as const, source: urlSource(name), device: 'cpu' as const };
      let error: unknown;
      try {
        await engine.load({ ...spec, dtype: 'fp16' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RewardError);
      const message = (error as RewardError).message;
      expect(message).toMatch(/^File not found: /);
      expect(message).toContain('onnx/model_fp16.onnx');
      expect(message).toContain('This model ships: fp32, q8.');
      expect(message).not.toMatch(/protobuf/i);
      const loaded = await engine.load({ ...spec, dtype: 'q8' });
      expect(loaded.dtype).toBe('q8');
      const [result] = await engine.score(
        loaded.handle,
        [{ conversation: { turns: [{ role: 'user', content: 'Hi?' }] }, response: 'Hello!' }],
        {},
      );
      expect(Number.isFinite(result!.score)).toBe(true);
    });
  }

  it('a Hub checkpoint with no ONNX files at all says how to convert it, with the exact command', async () => {
    // A PyTorch-only repository, as most reward models are published: config and tokenizer, no onnx/.
    const dir = mkdtempSync(join(tmpdir(), 'rp-torch-only-'));
    cpSync(join(EMBEDDED_MODELS_DIR, 'tiny-bert-reward'), join(dir, 'torch-only-reward'), {
      recursive: true,
    });
    rmSync(join(dir, 'torch-only-reward', 'onnx'), { recursive: true });
    const torchOnly = await startHubMirror(0, dir, { htmlFallback: true });
    try {
      const engine = new ScoringEngine(nodeRuntime);
      const source = { type: 'hub' as const, id: `${MIRROR_ORG}/torch-only-reward`, host: torchOnly.url };
      await expect(engine.load({ kind: 'local', source, dtype: 'q8', device: 'cpu' })).rejects.toThrow(
        `No ONNX weights were found for it at all: most reward models are published for PyTorch only. Convert it once: npx reward-playground convert ${MIRROR_ORG}/torch-only-reward --out models/torch-only-reward (then open models/torch-only-reward with Source: Folder, or pass --model models/torch-only-reward to the CLI and server).`,
      );
    } finally {
      await torchOnly.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("follows the Hub's redirect of weight files to storage, and peeks with one byte range", async () => {
    const hub = await startHubMirror(0);
    try {
      const file = `${hub.url}${MIRROR_ORG}/tiny-bert-reward/resolve/main/onnx/model_quantized.onnx`;
      const direct = await fetch(file, { redirect: 'manual' });
      expect(direct.status).toBe(302);
      expect(direct.headers.get('location')).toBe(
        '/__lfs__/reward-playground/tiny-bert-reward/onnx/model_quantized.onnx',
      );
      const ranged = await fetch(file, { headers: { Range: 'bytes=0-15' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toMatch(/^bytes 0-15\/\d+$/);
      expect((await ranged.arrayBuffer()).byteLength).toBe(16);

      const engine = new ScoringEngine(nodeRuntime);
      const source = { type: 'hub' as const, id: `${MIRROR_ORG}/tiny-bert-reward`, host: hub.url };
      const loaded = await engine.load({ kind: 'local', source, dtype: 'q8', device: 'cpu' });
      const embedded = await engine.load({
        kind: 'local',
        source: { type: 'embedded', name: 'tiny-bert-reward' },
        dtype: 'q8',
        device: 'cpu',
      });
      expect(hub.requests).toContain('/__lfs__/reward-playground/tiny-bert-reward/onnx/model_quantized.onnx');
      const input = [
        { conversation: { turns: [{ role: 'user' as const, content: 'Hi?' }] }, response: 'Hello!' },
      ];
      const [viaHub] = await engine.score(loaded.handle, input, {});
      const [local] = await engine.score(embedded.handle, input, {});
      expect(viaHub!.score).toBe(local!.score);
    } finally {
      await hub.close();
    }
  });
});
