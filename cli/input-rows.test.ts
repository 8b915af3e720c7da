/**
 * Hostile and awkward input files through annotate/eval with a real embedded model (issue 28 items 5 and 9,
 * issue 25's CLI items): a 100,000-deep row and a row with invalid UTF-8 become error rows by line number
 * while every other row is scored and resume goes past them; .jsonl.gz and JSON array files are read; a
 * wrong path, --help, --version and the eval error list say what they should.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { loadEmbedded } from '../server/test-support';
import { annotate, type AnnotateOptions } from './annotate';
import { evaluate, formatEvalTable } from './eval';

const run = promisify(execFile);
const bin = [join(import.meta.dirname, 'bin.mjs')];
const MODEL = 'tiny-bert-reward';
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-rows-'));
const pair = (i: number) =>
  JSON.stringify({ prompt: `Question ${i}?`, chosen: `A helpful answer ${i}.`, rejected: `No ${i}.` });
const lines = (n: number) => Array.from({ length: n }, (_, i) => pair(i + 1));
const put = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const readRows = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const deepRow = `{"prompt":"x","chosen":${'['.repeat(100_000)}${']'.repeat(100_000)},"rejected":"y"}`;
const deepFile = put('deep.jsonl', [...lines(3), deepRow, ...lines(7).slice(4)].join('\n') + '\n');
const utf8File = put(
  'latin1.jsonl',
  Buffer.concat([
    Buffer.from(lines(2).join('\n') + '\n'),
    Buffer.from('{"prompt":"Q3?","chosen":"caf'),
    Buffer.from([0xe9]),
    Buffer.from(' au lait","rejected":"tea"}\n' + pair(4) + '\n'),
  ]),
);

describe(`input rows that cannot be read (${MODEL})`, () => {
  let backend: Model;
  beforeAll(async () => {
    backend = await loadEmbedded(MODEL);
  });
  afterAll(async () => {
    await backend?.dispose();
  });
  const opts = (input: string, output: string, extra: Partial<AnnotateOptions> = {}): AnnotateOptions => ({
    input,
    output,
    format: 'auto',
    chunkRows: 2,
    truncate: true,
    overwrite: false,
    progress: false,
    load: async () => ({ ...backend, dispose: async () => {} }),
    log: () => {},
    ...extra,
  });

  it('a 100,000-deep row is an error row with its line; every other row is scored; resume goes past it', async () => {
    const full = join(dir, 'deep.full.jsonl');
    const s = await annotate(opts(deepFile, full));
    expect(s).toMatchObject({ rows: 7, written: 7, interrupted: false });
    expect(s.errors).toEqual([
      { line: 4, message: expect.stringMatching(/^Line 4: arrays\/objects nest more than 64 levels deep/) },
    ]);
    const rows = readRows(full);
    expect(rows.map((r) => r.input_line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[3]).toMatchObject({ input_line: 4, line: 4, error: s.errors[0]!.message });
    for (const r of [...rows.slice(0, 3), ...rows.slice(4)])
      expect(r.chosen_score).toEqual(expect.any(Number));

    // Stopped right after the chunk holding the bad row; the resumed run scores the rest.
    const part = join(dir, 'deep.part.jsonl');
    let chunks = 0;
    const first = await annotate(opts(deepFile, part, { shouldStop: () => chunks++ >= 2 }));
    expect(first).toMatchObject({ written: 4, interrupted: true });
    const second = await annotate(opts(deepFile, part));
    expect(second).toMatchObject({ resumed: 4, written: 3, interrupted: false });
    expect(readFileSync(part, 'utf8')).toBe(readFileSync(full, 'utf8'));
  });

  it('invalid UTF-8 on line 3 is an error row by line number, never U+FFFD; eval lists it too', async () => {
    const out = join(dir, 'latin1.out.jsonl');
    const s = await annotate(opts(utf8File, out));
    const message = 'Line 3: not valid UTF-8 (byte 0xE9 at byte 30); save the file as UTF-8.';
    expect(s.errors).toEqual([{ line: 3, message }]);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('\uFFFD');
    const rows = readRows(out);
    expect(rows[2]).toEqual({ input_line: 3, line: 3, error: message });
    expect(rows.filter((r) => typeof r.chosen_score === 'number')).toHaveLength(3);
    const report = await evaluate({
      input: utf8File,
      format: 'auto',
      chunkRows: 4,
      truncate: true,
      progress: false,
      backend,
    });
    expect(report.overall.n).toBe(3);
    expect(report.errors).toEqual([{ line: 3, message }]);
  });

  it('reads .jsonl.gz and JSON array files: the same scores as the plain JSONL', async () => {
    const text = lines(3).join('\n') + '\n';
    const plain = put('plain.jsonl', text);
    const gz = put('plain.jsonl.gz', gzipSync(text));
    const array = put(
      'plain.json',
      JSON.stringify(
        lines(3).map((l) => JSON.parse(l) as unknown),
        null,
        2,
      ),
    );
    const scores = async (input: string) => {
      const out = join(dir, `${input.split('/').pop()}.out.jsonl`);
      await annotate(opts(input, out));
      return readRows(out).map((r) => [r.chosen_score, r.rejected_score]);
    };
    const want = await scores(plain);
    expect(want.flat().every((x) => typeof x === 'number')).toBe(true);
    expect(await scores(gz)).toEqual(want);
    expect(await scores(array)).toEqual(want);
    const report = await evaluate({
      input: gz,
      format: 'auto',
      chunkRows: 4,
      truncate: true,
      progress: false,
      backend,
    });
    expect(report.overall.n).toBe(3);
  });

  it("eval's table names each bad line once, with the file's column", async () => {
    const broken = '{"prompt": "Q?", "chosen": "A." "rejected": "B."}';
    const input = put('broken.jsonl', [...lines(4), broken].join('\n'));
    const report = await evaluate({
      input,
      format: 'auto',
      chunkRows: 4,
      truncate: true,
      progress: false,
      backend,
    });
    const table = formatEvalTable(report);
    const column = broken.indexOf('"rejected"') + 1;
    expect(table).toContain(
      `  Line 5: not valid JSON at column ${column} (Expected ',' or '}' after property value)`,
    );
    expect(table).not.toMatch(/line 5: Line 5|line 1 column/i);
  });
});

// Each launch compiles the CLI through tsx: slow on a busy machine.
const LAUNCH_TIMEOUT = 120_000;

describe('the launcher on awkward input', () => {
  it(
    'annotate exits 0 on a file with a deep row, listing it by line on stderr',
    async () => {
      const out = join(dir, 'deep.cli.jsonl');
      const r = await run(process.execPath, [
        ...bin,
        'annotate',
        deepFile,
        '-o',
        out,
        '-m',
        MODEL,
        '--no-progress',
      ]);
      expect(r.stderr).toMatch(/pairs: 7 rows in, 7 rows in .*; 1 row\(s\) with errors/);
      expect(r.stderr).toMatch(/\n {2}Line 4: arrays\/objects nest more than 64 levels deep/);
      expect(readRows(out)).toHaveLength(7);
    },
    LAUNCH_TIMEOUT,
  );

  it(
    'a wrong path names the path and the reason in words, exit 2',
    async () => {
      const missing = join(dir, 'no-such-file.jsonl');
      for (const args of [
        ['eval', missing],
        ['annotate', missing, '-o', join(dir, 'x.jsonl')],
      ]) {
        const r = await run(process.execPath, [...bin, ...args, '-m', MODEL]).catch(
          (e: { code: number; stderr: string }) => e,
        );
        expect(r).toMatchObject({ code: 2 });
        expect((r as { stderr: string }).stderr).toBe(
          `reward-playground: Cannot read ${missing}: no such file or folder (ENOENT).\n`,
        );
      }
    },
    LAUNCH_TIMEOUT,
  );

  it(
    '--version prints the package version; annotate --help says -o is required',
    async () => {
      const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
        version: string;
      };
      expect((await run(process.execPath, [...bin, '--version'])).stdout).toBe(`${pkg.version}\n`);
      const help = (await run(process.execPath, [...bin, 'annotate', '--help'])).stdout;
      expect(help).toMatch(/Usage: reward-playground annotate <in> -o <out>/);
      expect(help).toMatch(/-o, --output <file>\s+output JSONL, required/);
    },
    LAUNCH_TIMEOUT,
  );
});
