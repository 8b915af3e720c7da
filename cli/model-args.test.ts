import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DTYPE } from '../src/engine/defaults';
import { type ModelFlags, scoringFromFlags, specFromFlags, specName } from './model-args';

const base: ModelFlags = { dtype: 'fp32' };

describe('specFromFlags', () => {
  it('builds a remote spec with the key read from the named environment variable', () => {
    const spec = specFromFlags(
      {
        ...base,
        remote: 'nim',
        baseUrl: 'http://127.0.0.1:9/v1',
        modelId: 'nvidia/x',
        apiKeyEnv: 'K',
        timeoutMs: 500,
      },
      { K: 'secret' },
    );
    expect(spec).toEqual({
      kind: 'remote',
      engine: 'nim',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'nvidia/x',
      apiKey: 'secret',
      timeoutMs: 500,
    });
    expect(specName(spec)).toBe('nvidia/x');
  });

  it.each([
    [{ remote: 'nim' as const }, /needs --base-url/],
    [{ remote: 'nim' as const, baseUrl: 'not a url' }, /not a URL/],
    [{ remote: 'vllm' as const, baseUrl: 'ftp://h/x' }, /must be http\(s\)/],
    [{ remote: 'nim' as const, baseUrl: 'http://h/v1' }, /needs --model-id/],
    [
      { remote: 'nim' as const, baseUrl: 'http://h/v1', modelId: 'm', apiKeyEnv: 'UNSET_VAR' },
      /UNSET_VAR.*empty or unset/,
    ],
    [{ model: 'no-such-model' }, /Unknown model "no-such-model"/],
  ])('explains what is wrong: %o', (flags, message) => {
    expect(() => specFromFlags({ ...base, ...flags }, {})).toThrow(message);
  });

  it('defaults to the embedded minilm-form-reward model with its q8 weights, as the app and the server do', () => {
    expect(specFromFlags({ dtype: DEFAULT_DTYPE }, {})).toEqual({
      kind: 'local',
      source: { type: 'embedded', name: 'minilm-form-reward' },
      dtype: 'q8',
      device: 'cpu',
    });
  });

  it('a folder without config.json says what is missing', () => {
    // A fresh empty folder: an absolute path that exists on every machine, unlike a relative one like ../../etc.
    const dir = mkdtempSync(join(tmpdir(), 'rp-empty-'));
    expect(() => specFromFlags({ ...base, model: dir }, {})).toThrow(/config.json/);
  });

  it('TEI needs no model id', () => {
    expect(specFromFlags({ ...base, remote: 'tei', baseUrl: 'http://h:8080' }, {})).toMatchObject({
      engine: 'tei',
    });
  });

  it('takes a model folder by path, with max length and alpha', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-model-'));
    writeFileSync(join(dir, 'config.json'), '{}');
    const spec = specFromFlags({ ...base, model: dir, dtype: 'q8', maxLength: 128, alpha: 10 });
    expect(spec).toEqual({
      kind: 'local',
      source: { type: 'path', path: dir },
      dtype: 'q8',
      device: 'cpu',
      maxLength: 128,
    });
    expect(scoringFromFlags({ ...base, model: dir, alpha: 10 })).toEqual({ alpha: 10 });
    expect(scoringFromFlags({ ...base, remote: 'nim', alpha: 10 })).toEqual({});
  });
});
