import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allPerturbations,
  DEFAULT_REFUSAL,
  FILLER_SENTENCES,
  padWithFiller,
  prefixRefusal,
  reorderSentences,
  splitSentences,
  truncate,
} from './perturb';

const text = 'First point. Second point! Is it third? Fourth.';

describe('perturbations', () => {
  it('splits sentences losslessly', () => {
    expect(splitSentences(text)).toEqual(['First point. ', 'Second point! ', 'Is it third? ', 'Fourth.']);
    expect(splitSentences('line one\nline two')).toEqual(['line one\n', 'line two']);
    fc.assert(fc.property(fc.string(), (s) => splitSentences(s).join('') === s));
  });

  it('pads with filler: keeps the text and adds at least the requested length', () => {
    const p = padWithFiller(text);
    expect(p.kind).toBe('pad');
    expect(p.text.startsWith(text)).toBe(true);
    expect(p.text.length - text.length).toBeGreaterThanOrEqual(200);
    expect(p.text).toContain(FILLER_SENTENCES[0]);
    expect(padWithFiller(text, { minAddedChars: 10 }).text).toBe(`${text} ${FILLER_SENTENCES[0]}`);
  });

  it('truncates to half the sentences, or N characters', () => {
    expect(truncate(text).text).toBe('First point. Second point!');
    expect(truncate(text).label).toBe('Kept the first 2 of 4 sentences');
    expect(truncate('one sentence only').text).toBe('one sent');
    expect(truncate(text, { chars: 5 }).text).toBe('First');
    expect(truncate('😀😀😀', { chars: 2 }).text).toBe('😀😀');
  });

  it('prefixes a refusal', () => {
    expect(prefixRefusal('Answer.').text).toBe(`${DEFAULT_REFUSAL}Answer.`);
    expect(prefixRefusal('Answer.', 'No. ').text).toBe('No. Answer.');
  });

  it('reorders sentences deterministically per seed, always changing a multi-sentence text', () => {
    const a = reorderSentences(text, 7);
    expect(reorderSentences(text, 7)).toEqual(a);
    expect(a.text).not.toBe(text);
    expect(a.text.split(/(?<=[.!?]) /).sort()).toEqual(
      splitSentences(text)
        .map((s) => s.trim())
        .sort(),
    );
    expect(reorderSentences('A. B.', 1).text).toBe('B. A.');
    expect(reorderSentences('Only one.', 3).text).toBe('Only one.');
    fc.assert(
      fc.property(fc.integer(), (seed) => reorderSentences(text, seed).text !== text),
      { numRuns: 200 },
    );
  });

  it('never splits inside a fenced code block: blocks move whole and keep their own lines', () => {
    const code = '```python\nx = 1. \nprint(x). # done!\ny = 2\n```';
    const tilde = '~~~\na. b. c.\n~~~';
    const answer = `Use this. It works!\n\n${code}\n\nThen run it. Or this one.\n\n${tilde}\nDone.`;
    for (let seed = 0; seed < 50; seed++) {
      const out = reorderSentences(answer, seed);
      expect(out.text).toContain(`\n\n${code}`.trimStart());
      expect(out.text).toContain(tilde);
      // Each fence still opens and closes on a line of its own.
      for (const block of [code, tilde]) {
        const at = out.text.indexOf(block);
        expect(at === 0 || out.text.slice(at - 2, at) === '\n\n').toBe(true);
        const after = out.text.slice(at + block.length);
        expect(after === '' || after.startsWith('\n\n')).toBe(true);
      }
      expect(out.label).toMatch(/5 sentences and 2 code blocks/);
    }
  });

  it('offers all four probes', () => {
    expect(allPerturbations(text).map((p) => p.kind)).toEqual(['pad', 'truncate', 'refusal', 'reorder']);
  });
});
