/**
 * Issue 10, item 12: Batch errors read "Line 2: Line 2: …" — the list put the line number in front of a
 * message that already starts with it. Each error now names its line (and field) once.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { parseDataset } from '../../core/formats';

vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
const { LineErrorList } = await import('./BatchView');

describe('batch line errors', () => {
  it('name the line and field once', () => {
    const good = JSON.stringify({ prompt: 'Q?', chosen: 'A.', rejected: 'B.' });
    const text = [good, JSON.stringify({ prompt: 'Q?', chosen: 5, rejected: 'B.' }), '{not json', good].join(
      '\n',
    );
    const dataset = parseDataset(text);
    expect(dataset.errors.map((e) => e.line)).toEqual([2, 3]);
    const out = renderToStaticMarkup(createElement(LineErrorList, { errors: dataset.errors }))
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"');
    expect(out).not.toMatch(/Line (\d+)\b[^]*?: Line \1\b/);
    expect(out).toContain('Line 2 (chosen): ');
    expect(out).toContain('Line 3: not valid JSON');
    expect(out.match(/Line 2/g)).toHaveLength(1);
    expect(out.match(/Line 3/g)).toHaveLength(1);
  });
});
