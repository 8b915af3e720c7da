/**
 * Issue 28 items 5 and 9, issue 25 (CLI/Batch): rows are checked for size, nesting depth and UTF-8 before
 * JSON.parse, each failure is a record with its line number (never an exception, never U+FFFD), JSON errors
 * name the file's line and column once, and gzip files and JSON arrays are read.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { parseDataset, parseDatasetBytes, readDatasetFile } from './dataset';
import { datasetEntries, ROW_LIMITS } from './entries';
import { inflateIfGzip } from './gzip';
import { writeScoredJsonl } from './writer';

const pair = (i: number) => JSON.stringify({ prompt: `Q${i}?`, chosen: `A${i}.`, rejected: `B${i}.` });
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('row guards', () => {
  it('a 100,000-deep row is an error record by line; the rows around it parse', () => {
    const deep = `{"prompt":"x","chosen":${'['.repeat(100_000)}${']'.repeat(100_000)},"rejected":"y"}`;
    const d = parseDataset([pair(1), pair(2), deep, pair(4)].join('\n'));
    expect(d.records.map((r) => [r.line, r.row !== undefined])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(d.errors).toEqual([
      { line: 3, message: expect.stringMatching(/^Line 3: arrays\/objects nest more than 64 levels deep/) },
    ]);
    // Writing the error row must not walk the nesting (JSON.stringify overflowed the stack before).
    expect(() =>
      writeScoredJsonl(
        d.records,
        d.records.map(() => undefined),
      ),
    ).not.toThrow();
  });

  it('nesting exactly at the cap is read; brackets inside strings do not count', () => {
    const atCap = '['.repeat(ROW_LIMITS.maxDepth) + ']'.repeat(ROW_LIMITS.maxDepth);
    const [ok] = datasetEntries(Buffer.from(`{"a":"${'['.repeat(500)}","b":${atCap.slice(1, -1)}}`));
    expect(ok?.error).toBeUndefined();
    const [over] = datasetEntries(Buffer.from(`{"b":${atCap}}`));
    expect(over?.error).toMatch(/more than 64 levels/);
  });

  it('a row over the size cap is refused unread, by line, and its text is not echoed', () => {
    const big = JSON.stringify({ prompt: 'x', chosen: 'y'.repeat(5000), rejected: 'z' });
    const d = parseDatasetBytes(Buffer.from([pair(1), big, pair(3)].join('\n')), {
      limits: { maxRowBytes: 4096, maxDepth: 64 },
    });
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]!.message).toMatch(/^Line 2: 0\.0 MiB long, over the 0\.0 MiB a row may have/);
    expect(d.records[1]).toMatchObject({ line: 2, text: '', json: false });
    const out = writeScoredJsonl(d.records, [undefined, undefined, undefined]).split('\n');
    expect(JSON.parse(out[1]!)).toEqual({ line: 2, error: d.errors[0]!.message });
  });
});

describe('invalid UTF-8', () => {
  it('is reported on its line, with the byte; the row is an error row without U+FFFD', () => {
    const file = bytes(
      pair(1) + '\n' + pair(2) + '\n',
      '{"prompt":"Q3?","chosen":"caf',
      [0xe9],
      ' ok","rejected":"no"}\n' + pair(4) + '\n',
    );
    const d = parseDatasetBytes(file);
    expect(d.records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(d.errors).toEqual([
      {
        line: 3,
        message: 'Line 3: not valid UTF-8 (byte 0xE9 at byte 30); save the file as UTF-8.',
      },
    ]);
    const out = writeScoredJsonl(d.records, [undefined, undefined, undefined, undefined]);
    expect(out).not.toContain('\uFFFD');
    expect(JSON.parse(out.split('\n')[2]!)).toEqual({ line: 3, error: d.errors[0]!.message });
  });

  it('catches overlong forms, UTF-16 surrogates, code points above U+10FFFF and cut sequences', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      const [e] = datasetEntries(bytes('"x', bad, '"'));
      expect(e?.error).toMatch(/^Line 1: not valid UTF-8 \(byte 0x[0-9A-F]{2} at byte 3\)/);
    }
    const [good] = datasetEntries(Buffer.from('"é€😀"'));
    expect(good).toMatchObject({ value: 'é€😀' });
  });
});

describe('JSON errors', () => {
  it("name the file's line and the column once, not the engine's inner line 1", () => {
    const broken = '{"prompt": "Q5?", "chosen": "A5.", "rejected": "B5." "subset": "x"}';
    const d = parseDataset([pair(1), pair(2), pair(3), pair(4), broken].join('\n'));
    const msg = d.errors[0]!.message;
    const column = broken.indexOf('"subset"') + 1;
    expect(msg).toBe(`Line 5: not valid JSON at column ${column} (Expected ',' or '}' after property value)`);
    expect(msg).not.toMatch(/line 1|position/);
  });
});

describe('JSON array files', () => {
  const pretty = JSON.stringify(
    [0, 1, 2].map((i) => JSON.parse(pair(i)) as unknown),
    null,
    2,
  );

  it('read each element as a row, numbered by the line it starts on', () => {
    const d = parseDataset(pretty);
    expect(d.format).toBe('pairs');
    expect(d.records.map((r) => [r.line, r.row?.format])).toEqual([
      [2, 'pairs'],
      [7, 'pairs'],
      [12, 'pairs'],
    ]);
  });

  it('a broken element is an error at its own file line; a stray comma too', () => {
    const text = pretty.replace('"rejected": "B1."', '"rejected" "B1."').replace(/\n\]$/, ',\n]');
    const d = parseDataset(text);
    expect(d.records).toHaveLength(4);
    expect(d.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Line 7: array element 2: not valid JSON at line 10, column 16 \(/),
      'Line 17: array element 4: empty (a stray comma).',
    ]);
  });

  it('a "[" line before JSONL rows whose brackets only seem to close it is JSONL: no line swallowed', () => {
    // Found by the fuzz test: a string spanning two lines let the last "}" close the "[".
    const text = ['[', '{"pro:"A","rejected":"B","subset":"s"}', '{"]":0,"\\"":""}'].join('\n');
    const d = parseDataset(text, { format: 'pairs' });
    expect(d.records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(d.errors.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it("a bracket typo inside one element of a pretty-printed array is that element's error; the others are read", () => {
    const rows = [
      '{"prompt": "a", "chosen": "x", "rejected": "y"}',
      '{"prompt": "c", "tags": ["x"}]',
      pair(3),
    ];
    const d = parseDataset(`[\n${rows.join(',\n')}\n]\n`);
    expect(d.records.map((r) => [r.line, r.row ? 'row' : 'error'])).toEqual([
      [2, 'row'],
      [3, 'error'],
      [4, 'row'],
    ]);
    expect(d.errors[0]!.message).toMatch(/^Line 3: array element 2: not valid JSON/);
  });

  it('JSONL whose rows are arrays stays JSONL', () => {
    expect(datasetEntries(Buffer.from('[1]\n[2,3]\n')).map((e) => [e.line, e.error ?? e.value])).toEqual([
      [1, [1]],
      [2, [2, 3]],
    ]);
  });
});

describe('gzip files', () => {
  const text = [pair(1), pair(2), pair(3)].join('\n') + '\n';

  it('are inflated by their magic bytes and read like the plain file', async () => {
    const plain = parseDataset(text);
    const d = await readDatasetFile(gzipSync(text), 'pairs.jsonl.gz');
    expect(d).toEqual(plain);
    expect(await readDatasetFile(Buffer.from(text), 'pairs.jsonl')).toEqual(plain);
  });

  it('a cut-short or oversized gzip file is refused with its name', async () => {
    const gz = gzipSync(text);
    await expect(readDatasetFile(gz.subarray(0, gz.length - 12), 'cut.jsonl.gz')).rejects.toThrow(
      /cut\.jsonl\.gz starts like a gzip file but cannot be inflated/,
    );
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const err = await inflateIfGzip(bomb, 'bomb.gz', 1024 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RewardError);
    expect((err as Error).message).toMatch(/bomb\.gz inflates to more than 1 MiB/);
  });
});
