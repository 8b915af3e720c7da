import { describe, expect, it } from 'vitest';
import { parseJsonl, toJsonl } from './jsonl';
import { csvField, toCsv } from './csv';

describe('parseJsonl', () => {
  it('keeps line numbers, skips blank lines and reports bad JSON by line', () => {
    const text = '\uFEFF{"a":1}\r\n\n   \n{"b":\n[1,2]\n';
    const { rows, errors } = parseJsonl(text);
    expect(rows.map((r) => [r.line, r.value])).toEqual([
      [1, { a: 1 }],
      [5, [1, 2]],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(4);
    expect(errors[0]!.message).toMatch(/^Line 4: not valid JSON/);
  });

  it('round-trips through toJsonl', () => {
    const values = [{ x: 'a\nb' }, 3, null];
    expect(parseJsonl(toJsonl(values)).rows.map((r) => r.value)).toEqual(values);
    expect(toJsonl([])).toBe('');
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(false)).toBe('false');
  });

  it('joins lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
