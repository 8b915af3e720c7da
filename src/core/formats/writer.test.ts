import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import type { ScoreResult } from '../types';
import { parseDataset } from './dataset';
import { parseJsonl, toJsonl } from './jsonl';
import { rowItems } from './rows';
import {
  type ItemScore,
  pairOutcomes,
  scoredRecord,
  scoredTable,
  writeScoredCsv,
  writeScoredJsonl,
} from './writer';

function result(score: number, attributes?: Record<string, number>): ScoreResult {
  return {
    score,
    logits: [score],
    tokenCount: 10,
    truncated: false,
    backend: 'cpu',
    dtype: 'fp32',
    timingMs: 1,
    ...(attributes ? { attributes } : {}),
  };
}

describe('scored JSONL writer', () => {
  it('keeps rows in = rows out and marks failed rows', () => {
    const text = toJsonl([
      { prompt: 'Q', chosen: 'A', rejected: 'B', id: 7 },
      { prompt: 'Q' },
      { prompt: 'Q', chosen: 'C', rejected: 'D', subset: 's' },
    ]).concat('{broken\n');
    const d = parseDataset(text);
    const scores: (ItemScore[] | undefined)[] = [
      [result(2), result(1)],
      undefined,
      [result(0.5), { error: 'timeout after 30 s' }],
      undefined,
    ];
    const out = parseJsonl(writeScoredJsonl(d.records, scores));
    expect(out.errors).toEqual([]);
    expect(out.rows).toHaveLength(4);
    const [a, b, c, e] = out.rows.map((r) => r.value as Record<string, unknown>);
    expect(a).toEqual({ prompt: 'Q', chosen: 'A', rejected: 'B', id: 7, chosen_score: 2, rejected_score: 1 });
    expect(b!.error).toMatch(/^Line 2, field "chosen"/);
    expect(c).toMatchObject({
      chosen_score: 0.5,
      rejected_score: null,
      error: 'rejected: timeout after 30 s',
    });
    expect(e).toEqual({ line: 4, raw: '{broken', error: expect.stringMatching(/^Line 4: not valid JSON/) });
  });

  it('writes candidate score lists with attributes, and refuses a wrong number of scores', () => {
    const d = parseDataset('{"prompt":"Q","responses":["a","b"]}\n');
    const rec = d.records[0]!;
    expect(scoredRecord(rec, [result(1, { x: 1 }), result(2)])).toMatchObject({
      scores: [1, 2],
      attributes: [{ x: 1 }, null],
    });
    expect(scoredRecord(rec)).toMatchObject({ error: 'not scored' });
    expect(() => scoredRecord(rec, [result(1)])).toThrow(RewardError);
  });

  it('writes NeMo labels from attributes, or reward:<score> for single-score models', () => {
    const row = {
      system: '',
      mask: 'User',
      conversations: [
        { from: 'User', value: 'Q' },
        { from: 'Assistant', value: 'A', label: 'keep-me' },
        { from: 'User', value: 'Q2' },
        { from: 'Assistant', value: 'A2' },
      ],
    };
    const d = parseDataset(toJsonl([row]));
    const out = scoredRecord(d.records[0]!, [{ error: 'boom' }, result(1.23456, undefined)]);
    const conv = out.conversations as { label?: string }[];
    expect(conv[1]!.label).toBe('keep-me');
    expect(conv[3]!.label).toBe('reward:1.2346');
    expect(out.error).toBe('turn_1: boom');
    const out2 = scoredRecord(d.records[0]!, [result(0, { helpfulness: 3, correctness: 2.5 }), result(1)]);
    expect((out2.conversations as { label?: string }[])[1]!.label).toBe('helpfulness:3,correctness:2.5');
    expect(out2).not.toHaveProperty('error');
    const ints = scoredRecord(d.records[0]!, [result(0, { helpfulness: 2.6 }), result(1)], {
      labelDecimals: 0,
    });
    expect((ints.conversations as { label?: string }[])[1]!.label).toBe('helpfulness:3');
    const nan = scoredRecord(d.records[0]!, [result(NaN), result(1)]);
    expect((nan.conversations as { label?: string }[])[1]!.label).toBe('keep-me');
    expect(nan.error).toBe('turn_1: the model returned a non-finite value');
  });
});

describe('scored table / CSV', () => {
  it('has one line per scored input plus one per unreadable row, with attribute columns', () => {
    const d = parseDataset('{"prompt":"Q","chosen":"A, with comma","rejected":"B","subset":"s"}\nnope\n');
    const scores = [[result(1, { helpfulness: 2 }), result(0, { helpfulness: 1 })], undefined];
    const table = scoredTable(d.records, scores);
    expect(table.headers).toEqual([
      'line',
      'format',
      'subset',
      'item',
      'response_chars',
      'score',
      'helpfulness',
      'token_count',
      'truncated',
      'error',
    ]);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toEqual([1, 'pairs', 's', 'chosen', 13, 1, 2, 10, false, '']);
    expect(table.rows[2]![0]).toBe(2);
    expect(String(table.rows[2]!.at(-1))).toMatch(/not valid JSON/);
    const csv = writeScoredCsv(d.records, scores);
    expect(csv.split('\r\n')[0]).toBe(table.headers.join(','));
    expect(csv.split('\r\n')).toHaveLength(5);
  });

  it('collects scored pairs for accuracy', () => {
    const d = parseDataset(
      toJsonl([
        { prompt: 'Q', chosen: 'long answer', rejected: 'B', source: 'x' },
        { prompt: 'Q', chosen: 'A', rejected: 'B' },
      ]),
    );
    const outcomes = pairOutcomes(d.records, [
      [result(1), result(2)],
      [result(1), { error: 'x' }],
    ]);
    expect(outcomes).toEqual([
      { line: 1, chosen: 1, rejected: 2, subset: 'x', chosenLength: 11, rejectedLength: 1 },
    ]);
    expect(rowItems(d.records[0]!.row!).map((i) => i.key)).toEqual(['chosen', 'rejected']);
  });
});
