/**
 * Issue 28 item 6 through the Node engine: a model folder whose tokenizer.json has a Split pre-tokenizer
 * `(\s*\w+)*@` (a 30-character request took 47 s before) is refused at load, quickly, with the file and
 * the pattern named; the shipped models' tokenizers pass the same check.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { RewardError } from '../../src/core/errors';
import { checkTokenizerRegexes, tokenizerRegexes } from '../../src/engine/local/tokenizer-safety';
import { EMBEDDED_MODELS_DIR, loadModel } from '../../src/engine/node';

const SHIPPED = ['minilm-reward', 'tiny-bert-reward', 'tiny-llama-reward'];
const EVIL = String.raw`(\s*\w+)*@`;

describe('tokenizer regexes at load', () => {
  it('a folder with a catastrophic Split pattern is refused before any weight loads, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-evil-tok-'));
    cpSync(join(EMBEDDED_MODELS_DIR, 'tiny-bert-reward'), dir, { recursive: true });
    const file = join(dir, 'tokenizer.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    json.pre_tokenizer = { type: 'Split', pattern: { Regex: EVIL }, behavior: 'Isolated', invert: false };
    writeFileSync(file, JSON.stringify(json));
    const started = Date.now();
    const error = await loadModel({
      kind: 'local',
      source: { type: 'path', path: dir },
      dtype: 'q8',
      device: 'cpu',
    }).then(
      (m) => m.dispose().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RewardError);
    const message = (error as RewardError).message;
    expect(message).toContain(
      `${dir}/tokenizer.json: the pre_tokenizer (Split) pattern ${JSON.stringify(EVIL)}`,
    );
    expect(message).toMatch(/can backtrack catastrophically .* The model is not loaded/);
    // Loading the tokenizer alone is slow on a busy machine; the check itself takes milliseconds.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it.each(SHIPPED)('%s: its tokenizer passes, and the check sees its regexes', async (name) => {
    const saved = { local: env.localModelPath, remote: env.allowRemoteModels };
    env.localModelPath = `${EMBEDDED_MODELS_DIR}/`;
    env.allowRemoteModels = false;
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(name);
      expect(tokenizerRegexes(tokenizer).length).toBeGreaterThan(0);
      expect(() => checkTokenizerRegexes(tokenizer, `${name}/tokenizer.json`)).not.toThrow();
    } finally {
      env.localModelPath = saved.local;
      env.allowRemoteModels = saved.remote;
    }
  });
});
