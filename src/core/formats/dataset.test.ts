import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { parseDataset } from './dataset';
import { detectFormat } from './detect';
import { toJsonl } from './jsonl';

const pair = { prompt: 'Q', chosen: 'A', rejected: 'B' };
const hh = { chosen: '\n\nHuman: Q\n\nAssistant: A', rejected: '\n\nHuman: Q\n\nAssistant: B' };
const nemo = {
  system: '',
  mask: 'User',
  conversations: [
    { from: 'User', value: 'Q' },
    { from: 'Assistant', value: 'A' },
  ],
};
const cands = { prompt: 'Q', responses: ['a', 'b'] };

describe('format detection', () => {
  it('recognises each format', () => {
    const at = (value: unknown) => [{ line: 1, value }];
    expect(detectFormat(at(pair))).toBe('pairs');
    expect(detectFormat(at(hh))).toBe('hh-rlhf');
    expect(detectFormat(at(nemo))).toBe('nemo');
    expect(detectFormat(at(cands))).toBe('candidates');
    // HH with an extra prompt field also parses as pairs; the stricter HH wins the tie.
    expect(detectFormat(at({ ...hh, prompt: 'Q' }))).toBe('hh-rlhf');
  });

  it('goes by the majority of the first rows', () => {
    const rows = [pair, pair, { prompt: 'Q', responses: ['a'] }].map((value, i) => ({ line: i + 1, value }));
    expect(detectFormat(rows)).toBe('pairs');
  });

  it('explains what each format needs when nothing matches', () => {
    try {
      detectFormat([{ line: 3, value: { foo: 1 } }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RewardError);
      const msg = (e as RewardError).message;
      for (const f of ['pairs', 'hh-rlhf', 'nemo', 'candidates']) expect(msg).toContain(`- ${f}`);
      expect(msg).toContain('"responses"');
      expect((e as RewardError).details.line).toBe(3);
    }
    expect(() => detectFormat([])).toThrow(/no JSON rows/);
  });
});

describe('parseDataset', () => {
  it('keeps every non-blank line as a record, in order, with errors by line', () => {
    const text = [
      JSON.stringify(pair),
      '',
      'not json',
      JSON.stringify({ prompt: 'Q' }),
      '[1]',
      JSON.stringify(pair),
    ].join('\n');
    const d = parseDataset(text);
    expect(d.format).toBe('pairs');
    expect(d.records.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    expect(d.records.map((r) => r.row !== undefined)).toEqual([true, false, false, false, true]);
    expect(d.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(d.errors[1]).toMatchObject({ field: 'chosen' });
    expect(d.records[1]).toMatchObject({ json: false, text: 'not json' });
  });

  it('honours an explicit format and throws only when auto-detection fails', () => {
    const d = parseDataset(toJsonl([pair, cands]), { format: 'candidates' });
    expect(d.records.map((r) => r.row?.format)).toEqual([undefined, 'candidates']);
    expect(() => parseDataset('{"x":1}\n')).toThrow(RewardError);
    expect(parseDataset('', { format: 'pairs' }).records).toEqual([]);
  });
});
