/**
 * annotate never destroys its input or an unrelated file (issue 10, item 1): links to the input are caught
 * by device + inode, an existing file is modified only once a resume marker proves it is this command's
 * output for this input, --overwrite replaces OUT by rename (never writing through a link), every row keeps
 * its input line number, and output-path errors come before the model loads, without a stack trace.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded } from '../server/test-support';
import { annotate, type AnnotateOptions } from './annotate';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rp-annotate-safety-'));
let n = 0;
/** A path in a new empty folder. */
function fresh(name: string): string {
  const d = join(dir, String(n++));
  mkdirSync(d);
  return join(d, name);
}

const PAIRS =
  [
    JSON.stringify({ prompt: 'What is 2+2?', chosen: '2+2 equals 4.', rejected: 'It is 5.' }),
    '',
    JSON.stringify({ prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Berlin.' }),
    '{"prompt": "broken"',
    JSON.stringify({ prompt: 'Say hi', chosen: 'Hi there!', rejected: 'Go away.' }),
  ].join('\n') + '\n';

function input(text = PAIRS): string {
  const p = fresh('in.jsonl');
  writeFileSync(p, text);
  return p;
}

describe('annotate keeps every file it was not asked to write', () => {
  let backend: Model;
  let loads = 0;
  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
  });
  afterAll(async () => {
    await backend?.dispose();
  });
  const opts = (inp: string, output: string, extra: Partial<AnnotateOptions> = {}): AnnotateOptions => ({
    input: inp,
    output,
    format: 'auto',
    chunkRows: 2,
    truncate: true,
    overwrite: false,
    progress: false,
    load: async () => {
      loads++;
      const b: Model = {
        info: backend.info,
        warnings: backend.warnings,
        score: (inputs, o) => backend.score(inputs, o),
        render: (i) => backend.render(i),
        dispose: async () => {},
      };
      return b;
    },
    log: () => {},
    ...extra,
  });

  it.each([false, true])(
    'refuses -o a symlink to the input (overwrite: %s); the input is unchanged',
    async (overwrite) => {
      const inp = input();
      const out = join(dir, `sym-${overwrite}.jsonl`);
      symlinkSync(inp, out);
      await expect(annotate(opts(inp, out, { overwrite }))).rejects.toThrow(/is the input file/);
      expect(readFileSync(inp, 'utf8')).toBe(PAIRS);
    },
  );

  it.each([false, true])(
    'refuses -o a hard link to the input (overwrite: %s); the input is unchanged',
    async (overwrite) => {
      const inp = input();
      const out = join(dir, `hard-${overwrite}.jsonl`);
      linkSync(inp, out);
      await expect(annotate(opts(inp, out, { overwrite }))).rejects.toThrow(/is the input file/);
      expect(readFileSync(inp, 'utf8')).toBe(PAIRS);
    },
  );

  it('leaves an unrelated JSON file alone, even with fewer lines and a partial last line', async () => {
    const inp = input();
    const out = fresh('notes.jsonl');
    const notes = '{"note": 1}\n{"note": 2}\n{"half": ';
    writeFileSync(out, notes);
    loads = 0;
    await expect(annotate(opts(inp, out))).rejects.toThrow(/has no resume marker.*--overwrite/);
    expect(readFileSync(out, 'utf8')).toBe(notes);
    expect(loads).toBe(0);
  });

  it('--overwrite replaces a symlinked OUT by rename: the file it pointed to is untouched', async () => {
    const inp = input();
    const precious = fresh('precious.txt');
    writeFileSync(precious, 'do not touch\n');
    const out = join(dir, 'link-to-precious.jsonl');
    symlinkSync(precious, out);
    const s = await annotate(opts(inp, out, { overwrite: true }));
    expect(s).toMatchObject({ rows: 4, written: 4 });
    expect(readFileSync(precious, 'utf8')).toBe('do not touch\n');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
  });

  it('--overwrite keeps the old OUT when the model fails to load', async () => {
    const inp = input();
    const out = fresh('old.jsonl');
    writeFileSync(out, 'old results\n');
    await expect(
      annotate(opts(inp, out, { overwrite: true, load: () => Promise.reject(new Error('no model')) })),
    ).rejects.toThrow(/no model/);
    expect(readFileSync(out, 'utf8')).toBe('old results\n');
  });

  it('every output row carries its input line number, and resume checks them', async () => {
    const inp = input();
    const out = fresh('out.jsonl');
    let chunks = 0;
    const first = await annotate(opts(inp, out, { chunkRows: 1, shouldStop: () => chunks++ >= 2 }));
    expect(first).toMatchObject({ written: 2, interrupted: true });
    const second = await annotate(opts(inp, out, { chunkRows: 1 }));
    expect(second).toMatchObject({ resumed: 2, written: 2, interrupted: false });
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.input_line)).toEqual([1, 3, 4, 5]);
    expect(rows.map((r) => typeof r.chosen_score)).toEqual(['number', 'number', 'undefined', 'number']);
  });

  it('refuses to resume when the input changed since OUT was written', async () => {
    const inp = input();
    const out = fresh('out.jsonl');
    let chunks = 0;
    await annotate(opts(inp, out, { chunkRows: 1, shouldStop: () => chunks++ >= 1 }));
    const before = readFileSync(out, 'utf8');
    writeFileSync(inp, PAIRS.replace('Paris.', 'Lyon.'));
    await expect(annotate(opts(inp, out))).rejects.toThrow(/written for another input/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('finds output-path errors before loading the model', async () => {
    const inp = input();
    loads = 0;
    await expect(annotate(opts(inp, join(dir, 'no-such-folder', 'out.jsonl')))).rejects.toThrow(
      /the folder .*no-such-folder does not exist/,
    );
    await expect(annotate(opts(inp, dir))).rejects.toThrow(/is a folder: pass a file path/);
    expect(loads).toBe(0);
  });
});

describe('annotate output-path errors on the command line', () => {
  it.each([
    ['a missing folder', (d: string) => join(d, 'missing', 'out.jsonl'), /does not exist/],
    ['a directory', (d: string) => d, /is a folder/],
  ])('%s: one clear line, exit 2, no stack trace', async (_name, outOf, message) => {
    const inp = input();
    const r = await run(process.execPath, [
      'cli/bin.mjs',
      'annotate',
      inp,
      '-o',
      outOf(dir),
      '--model',
      EMBEDDED[0],
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(r).toMatchObject({ code: 2 });
    const stderr = (r as { stderr: string }).stderr;
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
