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
});
