import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { parseDataset } from './dataset';
import { ROW_PARSERS } from './detect';
import { parseJsonl } from './jsonl';
import { FORMAT_NAMES, rowItems } from './rows';
import type { ScoreResult } from '../types';
import { type ItemScore, writeScoredCsv, writeScoredJsonl } from './writer';

const RESULT: ScoreResult = {
  score: 0,
  logits: [0],
  tokenCount: 1,
  truncated: false,
  backend: 'cpu',
  dtype: 'fp32',
  timingMs: 0,
};

// Fuzzing: whatever the input, the readers either return (with per-line errors) or throw a RewardError.
// Run counts here add up to 12,000 parser runs; share.test.ts fuzzes the share-link decoder.

const VALID_LINES = [
  '{"prompt":"Q","chosen":"A","rejected":"B","subset":"s"}',
  '{"prompt":"Q","chosen":"A","rejected":"B","source":"x","context":[{"role":"user","content":"Q"}],"meta":{"subset":"m"}}',
  '{"chosen":[{"role":"system","content":"S"},{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],"rejected":[{"role":"system","content":"S"},{"role":"user","content":"Q"},{"role":"assistant","content":"B"}]}',
  '{"chosen":"\\n\\nHuman: Q\\n\\nAssistant: A","rejected":"\\n\\nHuman: Q\\n\\nAssistant: B"}',
  '{"system":"","mask":"User","conversations":[{"from":"User","value":"Q"},{"from":"Assistant","value":"A","label":"x:1"}]}',
  '{"prompt":"Q","responses":["a","b","c"]}',
  '{"messages":[{"role":"user","content":"Q"}],"responses":["a"]}',
];

const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));

/** A valid line, then a few edits: cut a slice, insert text, or swap a JSON value for a random one. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...VALID_LINES),
    fc.array(
      fc.tuple(
        fc.constantFrom('cut', 'insert', 'swap'),
        fc.nat(),
        fc.nat(),
        fc.oneof(
          anyString,
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [op, a, b, text] of edits) {
      const i = a % (s.length + 1);
      if (op === 'cut') s = s.slice(0, i) + s.slice(i + (b % 20));
      else if (op === 'insert') s = s.slice(0, i) + text + s.slice(i);
      else s = s.replace(/"(?:[^"\\]|\\.)*"|\d+|\[\]|null/, text);
    }
    return s;
  });

function expectOnlyRewardErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RewardError)) throw e;
    expect(e.code).toBe('format');
  }
}

function nonBlankLines(text: string): number {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '').length;
}

/**
 * How many records a text yields: one per non-blank line, except a file that is one JSON array, which
 * yields one per element (undefined when it may be read either way: a broken array is not predicted here).
 */
function expectedRecords(text: string): number | undefined {
  const body = text.replace(/^\uFEFF/, '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (!(body.startsWith('[') && body.endsWith(']'))) return nonBlankLines(text);
  try {
    const v: unknown = JSON.parse(body);
    return Array.isArray(v) ? v.length : undefined;
  } catch {
    return undefined;
  }
}

function expectRecordCount(records: readonly unknown[], text: string): void {
  const want = expectedRecords(text);
  if (want !== undefined) expect(records).toHaveLength(want);
}

describe('format readers under fuzzing', () => {
  it('parseDataset on arbitrary text: RewardError or one record per non-blank line (3,000 runs)', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expectOnlyRewardErrors(() => parseDataset(text));
        const d = parseDataset(text, { format: 'pairs' });
        expectRecordCount(d.records, text);
        expect(parseJsonl(text).rows.length + parseJsonl(text).errors.length).toBe(nonBlankLines(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('every row parser on arbitrary JSON values throws only line-numbered format errors (3,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMAT_NAMES),
        fc.jsonValue(),
        fc.integer({ min: 1, max: 1e6 }),
        (f, v, line) => {
          try {
            ROW_PARSERS[f](v, line);
          } catch (e) {
            if (!(e instanceof RewardError)) throw e;
            expect(e.code).toBe('format');
            expect(e.details.line).toBe(line);
            expect(e.message.startsWith(`Line ${line}`)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('mutated valid lines: every format and auto-detection stay within RewardError (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(mutatedLine, { minLength: 1, maxLength: 4 }), (lines) => {
        const text = lines.join('\n');
        expectOnlyRewardErrors(() => parseDataset(text));
        for (const format of FORMAT_NAMES) {
          const d = parseDataset(text, { format });
          expectRecordCount(d.records, text);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('mixed files: rows in = rows out through the JSONL and CSV writers (3,000 runs)', () => {
    const lineArb = fc.oneof(
      fc.constantFrom(...VALID_LINES),
      mutatedLine,
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined'),
      fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    );
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 8 }),
        fc.constantFrom(...FORMAT_NAMES),
        fc.array(fc.oneof(fc.double(), fc.constant('fail')), { minLength: 1, maxLength: 10 }),
        (lines, format, pool) => {
          const text = lines.join('\n');
          const d = parseDataset(text, { format });
          // Scores drawn from the pool (any double, NaN and ±Infinity included, or a failure); some rows unscored.
          let k = 0;
          const next = (): ItemScore => {
            const v = pool[k++ % pool.length]!;
            return v === 'fail'
              ? { error: 'boom' }
              : { ...RESULT, score: v, logits: [v], attributes: { a: v } };
          };
          const scores = d.records.map((r, i) =>
            r.row && i % 3 !== 2 ? rowItems(r.row).map(next) : undefined,
          );
          const out = parseJsonl(writeScoredJsonl(d.records, scores));
          expect(out.errors).toEqual([]);
          expect(out.rows).toHaveLength(d.records.length);
          expectRecordCount(d.records, text);
          expect(() => writeScoredCsv(d.records, scores)).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });
});
