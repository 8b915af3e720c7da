/**
 * `reward-playground convert` as a user runs it (node cli/bin.mjs): a local transformers checkpoint converts with one
 * command, prints its parity with PyTorch and then scores through `eval --model DIR`; and each refusal says why:
 * an existing --out, custom model code, an architecture it does not export, a Hub id without the Hub, a bad --dtype.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertArgs, parseConvertDtypes } from './convert';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const execFileP = promisify(execFile);
const skip = process.env.RP_SKIP_TRAINING === '1';

describe('convert arguments', () => {
  it('checks the dtype list before any Python starts', () => {
    expect(parseConvertDtypes('q8, q4')).toEqual(['q8', 'q4']);
    expect(() => parseConvertDtypes('q8,q9')).toThrow(
      /--dtype "q8,q9": expected a comma-separated list of fp32/,
    );
    expect(() => parseConvertDtypes(',')).toThrow(/expected/);
  });

  it('makes local paths absolute and leaves Hub ids alone', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rp-convert-args-'));
    mkdirSync(join(cwd, 'ckpt'));
    expect(convertArgs('ckpt', { out: 'out', dtype: 'q8' }, cwd)).toEqual([
      join(cwd, 'ckpt'),
      '--out',
      join(cwd, 'out'),
      '--dtype',
      'q8',
    ]);
    expect(convertArgs('org/model', { out: '/x', dtype: 'fp32', overwrite: true }, cwd)).toEqual([
      'org/model',
      '--out',
      '/x',
      '--dtype',
      'fp32',
      '--overwrite',
    ]);
  });
});

describe.skipIf(skip)('reward-playground convert (end to end)', () => {
  const work = mkdtempSync(join(tmpdir(), 'rp-convert-cli-'));
  const hf = join(work, 'hf', 'roberta');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    const r = spawnSync(
      'node',
      ['training/python.mjs', '../test/convert/checkpoints.py', work, '--only', 'roberta', '--build-only'],
      { cwd: REPO, encoding: 'utf8', timeout: 290_000 },
    );
    if (r.status !== 0) throw new Error(`checkpoints.py failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }, 300_000);

  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync('node', [join(REPO, 'cli/bin.mjs'), ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env },
    });

  it(
    'converts a local folder with one command, and the folder scores through --model',
    { timeout: 240_000 },
    async () => {
      const r = cli(['convert', 'hf/roberta', '--out', 'converted', '--dtype', 'fp32,q8']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/parity with PyTorch/);
      expect(r.stdout).toMatch(/fp32 +\d\.\d\de-\d+ \(tolerance 0\.0001\) ok/);
      const out = join(work, 'converted');
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'parity.json', 'README.md'])
        expect(existsSync(join(out, f)), f).toBe(true);
      expect(existsSync(join(out, 'onnx', 'model.onnx'))).toBe(true);
      expect(existsSync(join(out, 'onnx', 'model_quantized.onnx'))).toBe(true);
      expect(existsSync(join(out, 'onnx', 'model_q4.onnx'))).toBe(false);
      const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as {
        reward_playground: { family: string; alpha: number; max_length: number };
      };
      expect(config.reward_playground).toMatchObject({ family: 'encoder', alpha: 1, max_length: 128 });
      expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/Parity with PyTorch/);

      const pairs = join(work, 'pairs.jsonl');
      writeFileSync(
        pairs,
        JSON.stringify({ prompt: 'What is 2+2?', chosen: '4.', rejected: 'It is 5.' }) + '\n',
      );
      const { stdout } = await execFileP('node', [
        join(REPO, 'cli/bin.mjs'),
        'eval',
        pairs,
        '--model',
        out,
        '--json',
      ]);
      expect(JSON.parse(stdout)).toMatchObject({ overall: { n: 1 } });

      // The same --out again is refused, and nothing in it changes.
      const again = cli(['convert', 'hf/roberta', '--out', 'converted', '--dtype', 'q8']);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/converted already exists and is not empty; pass --overwrite/);
      expect(existsSync(join(out, 'onnx', 'model.onnx'))).toBe(true);
    },
  );

  it(
    'refuses custom model code (ArmoRM-style) and architectures it does not export',
    { timeout: 60_000 },
    () => {
      const custom = join(work, 'custom');
      mkdirSync(custom, { recursive: true });
      writeFileSync(
        join(custom, 'config.json'),
        JSON.stringify({
          model_type: 'llama',
          architectures: ['LlamaForRewardModelWithGating'],
          auto_map: { AutoModelForSequenceClassification: 'modeling_custom.LlamaForRewardModelWithGating' },
        }),
      );
      writeFileSync(join(custom, 'modeling_custom.py'), '# custom head\n');
      const c = cli(['convert', 'custom', '--out', 'custom-out']);
      expect(c.status).toBe(2);
      expect(c.stderr).toMatch(
        /ships its own model code \(modeling_custom\.py.*convert runs no remote code/s,
      );

      const gpt2 = join(work, 'gpt2');
      mkdirSync(gpt2, { recursive: true });
      writeFileSync(
        join(gpt2, 'config.json'),
        JSON.stringify({ model_type: 'gpt2', architectures: ['GPT2ForSequenceClassification'] }),
      );
      const g = cli(['convert', 'gpt2', '--out', 'gpt2-out']);
      expect(g.status).toBe(2);
      expect(g.stderr).toMatch(
        /GPT2ForSequenceClassification \(model_type 'gpt2'\) is not one of the architectures/,
      );

      const lm = join(work, 'lm');
      mkdirSync(lm, { recursive: true });
      writeFileSync(
        join(lm, 'config.json'),
        JSON.stringify({ model_type: 'qwen3', architectures: ['Qwen3ForCausalLM'] }),
      );
      const l = cli(['convert', 'lm', '--out', 'lm-out']);
      expect(l.status).toBe(2);
      expect(l.stderr).toMatch(/Qwen3ForCausalLM checkpoint, not a \*ForSequenceClassification reward model/);
      for (const d of ['custom-out', 'gpt2-out', 'lm-out']) expect(existsSync(join(work, d)), d).toBe(false);
    },
  );

  it('a Hub id without the Hub fails clearly and says how to convert offline', { timeout: 60_000 }, () => {
    const r = cli(['convert', 'OpenAssistant/reward-model-deberta-v3-base', '--out', 'oa'], {
      HF_HUB_OFFLINE: '1',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /cannot download OpenAssistant\/reward-model-deberta-v3-base from the Hugging Face Hub .*hf download OpenAssistant\/reward-model-deberta-v3-base --local-dir DIR/s,
    );
  });

  it('a bad --dtype is refused before anything runs', () => {
    const r = cli(['convert', 'hf/roberta', '--out', 'x', '--dtype', 'int3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--dtype "int3": expected a comma-separated list of fp32, fp16, q8, q4/);
    expect(existsSync(hf)).toBe(true);
  });
});
