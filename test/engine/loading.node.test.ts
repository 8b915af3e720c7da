/**
 * Model loading in Node through the real download path: the embedded models served in the Hub's URL
 * layout by a local mirror, with byte progress; and the failures a user meets, each with a clear message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RewardError } from '../../src/core/errors';
import { loadModel } from '../../src/engine/node';
import type { LoadProgress } from '../../src/engine/contract';
import { MIRROR_ORG, startHubMirror, type HubMirror } from '../support/hub-mirror';
import { loadReference } from './reference';

let mirror: HubMirror;
beforeAll(async () => {
  mirror = await startHubMirror();
  // A fresh transformers.js file cache, so every file really comes over HTTP from the mirror.
  env.cacheDir = mkdtempSync(join(tmpdir(), 'rp-cache-'));
});
afterAll(() => mirror.close());

describe('loading from a Hub-layout mirror', () => {
  for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
    it(`${name}: downloads with progress and scores like the embedded copy`, async () => {
      const events: LoadProgress[] = [];
      const backend = await loadModel(
        {
          kind: 'local',
          source: { type: 'url', baseUrl: mirror.url, id: `${MIRROR_ORG}/${name}` },
          dtype: 'q8',
          device: 'cpu',
        },
        { onProgress: (p) => events.push(p) },
      );
      const reference = loadReference(name);
      const [result] = await backend.score([reference.cases[0]!]);
      expect(Math.abs(result!.logits[0]! - reference.cases[0]!.q8.logits[0]!)).toBeLessThan(1e-3);
      expect(mirror.requests).toContain(`/${MIRROR_ORG}/${name}/resolve/main/onnx/model_quantized.onnx`);
      const downloads = events.filter((e) => e.kind === 'download');
      expect(downloads.length).toBeGreaterThan(0);
      expect(
        downloads.some((d) => d.kind === 'download' && d.totalBytes > 0 && d.loadedBytes === d.totalBytes),
      ).toBe(true);
      await backend.dispose();
    });
  }

  it('a Hub id resolves against the host its spec names', async () => {
    const backend = await loadModel({
      kind: 'local',
      source: { type: 'hub', id: `${MIRROR_ORG}/tiny-bert-reward`, host: mirror.url },
      dtype: 'q8',
      device: 'cpu',
    });
    expect(backend.info.family).toBe('encoder');
    expect(mirror.requests).toContain(`/${MIRROR_ORG}/tiny-bert-reward/resolve/main/config.json`);
    await backend.dispose();
  });
});

describe('load failures say what and where', () => {
  async function failure(p: Promise<unknown>): Promise<RewardError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(RewardError);
      return e as RewardError;
    }
    throw new Error('expected a failure');
  }

  it('an unknown repository on the mirror', async () => {
    const e = await failure(
      loadModel({
        kind: 'local',
        source: { type: 'url', baseUrl: mirror.url, id: 'someone/missing' },
        dtype: 'q8',
        device: 'cpu',
      }),
    );
    expect(e.code).toBe('model');
    expect(e.message).toContain('someone/missing');
    expect(e.message).toContain('404');
  });

  it('an unreachable host', async () => {
    const e = await failure(
      loadModel({
        kind: 'local',
        source: { type: 'url', baseUrl: 'http://127.0.0.1:9/', id: 'a/b' },
        dtype: 'q8',
        device: 'cpu',
      }),
    );
    expect(e.code).toBe('model');
    expect(e.message).toMatch(/Could not load config\.json from a\/b \(http:\/\/127\.0\.0\.1:9\/\)/);
    expect(e.message).toMatch(/could not be reached|offline/);
  });

  it('a dtype whose file is missing', async () => {
    const e = await failure(
      loadModel({
        kind: 'local',
        source: { type: 'embedded', name: 'tiny-llama-reward' },
        dtype: 'q4',
        device: 'cpu',
      }),
    );
    expect(e.code).toBe('model');
    expect(e.message).toContain('model_q4.onnx');
  });

  it('a folder whose config is not a reward model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-bad-'));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] }),
    );
    const e = await failure(
      loadModel({ kind: 'local', source: { type: 'path', path: dir }, dtype: 'fp32', device: 'cpu' }),
    );
    expect(e.message).toContain('not a sequence-classification reward model');
  });

  it('over-long input with truncation off names the limit', async () => {
    const backend = await loadModel({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-bert-reward' },
      dtype: 'q8',
      device: 'cpu',
    });
    const long = 'word '.repeat(2000);
    const e = await failure(
      backend.score([{ conversation: { turns: [{ role: 'user', content: long }] }, response: 'ok' }], {
        truncate: false,
      }),
    );
    expect(e.code).toBe('input');
    expect(e.message).toContain(`at most ${backend.info.maxLength}`);
    await backend.dispose();
  });
});
