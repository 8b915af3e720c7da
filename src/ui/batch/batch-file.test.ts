/**
 * Issue 25 (Batch): the Batch view reads files as bytes through the shared reader — .jsonl.gz and JSON arrays
 * are read, invalid UTF-8 is an error by line instead of U+FFFD — and its JSONL export carries each row's
 * `input_line`, as CLI annotate's output does.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { parseDataset, type ItemScore } from '../../core/formats';
import type { ScoreResult } from '../../core/types';

vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
const { readBatchFile, scoredJsonlExport } = await import('./BatchView');

const pair = (i: number) => JSON.stringify({ prompt: `Q${i}?`, chosen: `A${i}.`, rejected: `B${i}.` });
const file = (name: string, bytes: Uint8Array) => Object.assign(new Blob([bytes as BlobPart]), { name });
const result = (score: number): ScoreResult => ({
  score,
  logits: [score],
  tokenCount: 3,
  truncated: false,
  backend: 'cpu',
  dtype: 'q8',
  timingMs: 1,
});

describe('Batch file reading', () => {
  it('reads a .jsonl.gz file and reports invalid UTF-8 by line, never as U+FFFD', async () => {
    const text = Buffer.concat([
      Buffer.from(`${pair(1)}\n{"prompt":"Q2?","chosen":"caf`),
      Buffer.from([0xe9]),
      Buffer.from(`","rejected":"no"}\n${pair(3)}\n`),
    ]);
    const d = await readBatchFile(file('pairs.jsonl.gz', gzipSync(text)));
    expect(d.format).toBe('pairs');
    expect(d.records.map((r) => [r.line, r.row !== undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(d.errors[0]!.message).toBe(
      'Line 2: not valid UTF-8 (byte 0xE9 at byte 30); save the file as UTF-8.',
    );
    expect(JSON.stringify(d)).not.toContain('\uFFFD');
  });

  it('reads a JSON array file', async () => {
    const d = await readBatchFile(file('pairs.json', Buffer.from(`[${pair(1)},\n${pair(2)}]`)));
    expect(d.records.map((r) => [r.line, r.row?.format])).toEqual([
      [1, 'pairs'],
      [2, 'pairs'],
    ]);
  });
});

describe('Batch JSONL export', () => {
  it('starts every row with its input line, bad lines included', () => {
    const d = parseDataset([pair(1), '', '{broken', pair(4)].join('\n'));
    const scores: (ItemScore[] | undefined)[] = [[result(1), result(0)], undefined, [result(2), result(3)]];
    const rows = scoredJsonlExport(d, scores)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.input_line)).toEqual([1, 3, 4]);
    expect(rows[0]).toEqual({
      input_line: 1,
      prompt: 'Q1?',
      chosen: 'A1.',
      rejected: 'B1.',
      chosen_score: 1,
      rejected_score: 0,
    });
    expect(rows[1]).toMatchObject({ input_line: 3, line: 3, raw: '{broken' });
  });

  it('refuses, naming the line, a file whose rows already have an input_line field', () => {
    const d = parseDataset([pair(1), JSON.stringify({ ...JSON.parse(pair(2)), input_line: 9 })].join('\n'));
    expect(() => scoredJsonlExport(d, [undefined, undefined])).toThrow(
      /^Line 2 already has an "input_line" field, where the export writes each row's input line number/,
    );
  });
});
