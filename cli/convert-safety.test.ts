/**
 * What `reward-playground convert` refuses, run as a user runs it (node cli/bin.mjs): `--overwrite` replaces only a
 * folder convert wrote (never the folder of other models a typo names, never through a symbolic link), an
 * interrupted conversion leaves the previous output as it was, and weights that do not fill the model (a missing
 * reward head, a layer more in config.json than in the weights, an absurd layer count) are refused unless
 * --allow-missing, which the card then reports. The checkpoints come from test/convert/checkpoints.py (FAULTY).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCheckpoints } from '../test/support/checkpoints';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'cli/bin.mjs');
const skip = process.env.RP_SKIP_TRAINING === '1';

describe.skipIf(skip)('convert: what it refuses', () => {
  // realpath: macOS's tmpdir is itself behind a link, and the messages name the real path.
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'rp-convert-safety-')));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    buildCheckpoints(work, {
      only: ['roberta', 'roberta-no-classifier', 'roberta-extra-layer', 'roberta-100000-layers'],
      buildOnly: true,
      timeoutMs: 290_000,
    });
  }, 300_000);

  // Generous limits: a conversion takes seconds, but minutes on a loaded 2-core machine.
  const cli = (args: string[]) =>
    spawnSync('node', [BIN, ...args], { cwd: work, encoding: 'utf8', timeout: 280_000 });
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  const leftovers = (parent: string, name: string) =>
    readdirSync(parent).filter((f) => f.startsWith(`.${name}-`));

  it(
    '--overwrite on a folder of other models (a typo for models/x) is refused, and nothing is deleted',
    {
      timeout: 120_000,
    },
    () => {
      const models = join(work, 'models');
      for (const m of ['minilm', 'mine']) {
        mkdirSync(join(models, m), { recursive: true });
        writeFileSync(join(models, m, 'config.json'), '{}');
      }
      writeFileSync(join(models, 'notes.txt'), 'keep me');
      const before = files(models);
      const r = cli(['convert', 'hf/roberta', '--out', 'models', '--overwrite', '--dtype', 'q8']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        `${models} already exists and was not written by convert (it has no .reward-playground-convert file; ` +
          'it holds mine, minilm, notes.txt), so --overwrite does not replace it',
      );
      expect(files(models)).toEqual(before);
      expect(readFileSync(join(models, 'notes.txt'), 'utf8')).toBe('keep me');
    },
  );

  it('never removes or writes through a symbolic link named as --out', { timeout: 120_000 }, () => {
    const thesis = join(work, 'thesis');
    mkdirSync(thesis);
    writeFileSync(join(thesis, 'chapter1.tex'), 'years of work');
    symlinkSync(thesis, join(work, 'link-to-thesis'));
    const r = cli(['convert', 'hf/roberta', '--out', 'link-to-thesis', '--overwrite', '--dtype', 'q8']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `--out ${join(work, 'link-to-thesis')} is a symbolic link (to ${thesis}); convert never writes or removes`,
    );
    expect(files(thesis)).toEqual(['chapter1.tex']);

    // Not even when the link points at a folder convert wrote itself (its marker says so).
    mkdirSync(join(work, 'real-out'));
    writeFileSync(
      join(work, 'real-out', '.reward-playground-convert'),
      JSON.stringify({ written_by: 'reward-playground convert' }),
    );
    writeFileSync(join(work, 'real-out', 'config.json'), '{}');
    symlinkSync(join(work, 'real-out'), join(work, 'link-to-out'));
    const before = files(join(work, 'real-out'));
    const again = cli(['convert', 'hf/roberta', '--out', 'link-to-out', '--overwrite', '--dtype', 'q8']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/link-to-out is a symbolic link/);
    expect(files(join(work, 'real-out'))).toEqual(before);
  });

  it(
    'replaces its own output only once the new one is complete: an interrupted run leaves the previous output',
    { timeout: 900_000 },
    async () => {
      const out = join(work, 'converted');
      const first = cli(['convert', 'hf/roberta', '--out', 'converted', '--dtype', 'fp32']);
      expect(first.status, first.stderr).toBe(0);
      expect(existsSync(join(out, '.reward-playground-convert'))).toBe(true);
      const before = files(out);
      const onnx = readFileSync(join(out, 'onnx', 'model.onnx'));

      // Terminated (a closed terminal, `kill`) while it writes the new folder beside --out.
      const log = join(work, 'interrupted.log');
      const fd = openSync(log, 'w');
      const child = spawn('node', [BIN, 'convert', 'hf/roberta', '--out', 'converted', '--overwrite'], {
        cwd: work,
        detached: true, // its own process group, as a terminal's job
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const deadline = Date.now() + 280_000;
      while (leftovers(work, 'converted').length === 0) {
        if (Date.now() > deadline) throw new Error(`no work folder appeared:\n${readFileSync(log, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      process.kill(-child.pid!, 'SIGTERM');
      // The converter removes its half-written folder on the way out, then says so.
      while (leftovers(work, 'converted').length > 0 || !/interrupted/.test(readFileSync(log, 'utf8'))) {
        if (Date.now() > deadline) throw new Error(`work folder left behind:\n${readFileSync(log, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(readFileSync(log, 'utf8')).toMatch(/interrupted; .*converted was left as it was/);
      expect(files(out)).toEqual(before);
      expect(readFileSync(join(out, 'onnx', 'model.onnx')).equals(onnx)).toBe(true);

      // Run to the end, the same command replaces the folder it wrote.
      const second = cli(['convert', 'hf/roberta', '--out', 'converted', '--overwrite', '--dtype', 'q8']);
      expect(second.status, second.stderr).toBe(0);
      expect(existsSync(join(out, 'onnx', 'model.onnx'))).toBe(false);
      expect(existsSync(join(out, 'onnx', 'model_quantized.onnx'))).toBe(true);
      expect(leftovers(work, 'converted')).toEqual([]);
    },
  );

  it('refuses a checkpoint without its reward head, naming the tensors', { timeout: 300_000 }, () => {
    const r = cli(['convert', 'hf/roberta-no-classifier', '--out', 'no-head', '--dtype', 'fp32']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      'roberta-no-classifier: the weights do not match the model (4 missing from the weights, so randomly ' +
        'initialised: classifier.dense.bias, classifier.dense.weight, classifier.out_proj.bias, ' +
        'classifier.out_proj.weight). Its scores would be partly random numbers, so it is not converted; ' +
        '--allow-missing converts it anyway',
    );
    // transformers' own LOAD REPORT table would only repeat it, as a warning that looks like a crash.
    expect(r.stderr + r.stdout).not.toMatch(/LOAD REPORT/);
    expect(existsSync(join(work, 'no-head'))).toBe(false);
    expect(leftovers(work, 'no-head')).toEqual([]);

    // Under umask 027 (not the usual 022): the folder gets what mkdir would give it, not mkdtemp's private 0700.
    const allowed = spawnSync(
      'sh',
      [
        '-c',
        'umask 027 && exec node "$0" "$@"',
        BIN,
        'convert',
        'hf/roberta-no-classifier',
        '--out',
        'no-head',
        '--dtype',
        'fp32',
        '--allow-missing',
      ],
      { cwd: work, encoding: 'utf8', timeout: 280_000 },
    );
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(statSync(join(work, 'no-head')).mode & 0o777).toBe(0o750);
    // The fixed inputs are cut to the model's length as the engine cuts them: transformers' warning that a sequence
    // "will result in indexing errors" would only look like a failure.
    expect(allowed.stdout + allowed.stderr).not.toMatch(/Token indices sequence length|indexing errors/);
    expect(allowed.stdout).toMatch(
      /note: weights that do not match the model \(--allow-missing\): 4 missing/,
    );
    const card = readFileSync(join(work, 'no-head', 'README.md'), 'utf8');
    expect(card).toMatch(/## Randomly initialised weights/);
    for (const t of ['dense.bias', 'dense.weight', 'out_proj.bias', 'out_proj.weight'])
      expect(card).toContain(`- \`classifier.${t}\``);
  });

  it(
    'refuses a config.json with more layers than the weights hold, before loading the model',
    {
      timeout: 120_000,
    },
    () => {
      const r = cli(['convert', 'hf/roberta-extra-layer', '--out', 'extra', '--dtype', 'fp32']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        'config.json: num_hidden_layers is 3 but the weights hold 2 layers (0–1); transformers would fill the rest ' +
          'with random numbers. Not converted.',
      );
      expect(existsSync(join(work, 'extra'))).toBe(false);
    },
  );

  it(
    'refuses an absurd layer count from config.json at once, before allocating anything',
    {
      timeout: 120_000,
    },
    () => {
      // Unchecked, num_hidden_layers 100000 ran until memory ran out; the refusal comes before torch is imported.
      const r = spawnSync(
        'node',
        [BIN, 'convert', 'hf/roberta-100000-layers', '--out', 'huge', '--dtype', 'fp32'],
        {
          cwd: work,
          encoding: 'utf8',
          timeout: 90_000,
        },
      );
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        'config.json: num_hidden_layers is 100,000, far beyond any real model (convert accepts up to 512); ' +
          'refused before allocating it.',
      );
      expect(existsSync(join(work, 'huge'))).toBe(false);
    },
  );
});
