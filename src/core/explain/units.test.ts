import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieces, segment, sentenceUnits, without, wordUnits } from './units';

describe('units', () => {
  it('splits sentences with the platform segmenter, keeping abbreviations and decimals whole', () => {
    const text = 'Pi is about 3.14 in most uses. Is it exact? No!\nIt goes on forever.';
    expect(sentenceUnits(text).map((u) => u.text)).toEqual([
      'Pi is about 3.14 in most uses.',
      'Is it exact?',
      'No!',
      'It goes on forever.',
    ]);
  });

  it('uses words for a short answer and sentences for a long one', () => {
    expect(segment('The capital of France is Paris.')).toMatchObject({ kind: 'word' });
    expect(segment('The capital of France is Paris.').units.map((u) => u.text)).toEqual([
      'The',
      'capital',
      'of',
      'France',
      'is',
      'Paris',
    ]);
    const long = 'One. Two. Three. Four.';
    expect(segment(long).kind).toBe('sentence');
    expect(segment('One. Two.', { wordsUpToSentences: 0 }).kind).toBe('sentence');
    expect(segment('a b c d', { maxWords: 3 }).kind).toBe('sentence');
  });

  it('leaves a unit out without doubled or trailing spaces', () => {
    const text = 'First. Second. Third.';
    const s = sentenceUnits(text);
    expect(s.map((u) => without(text, u))).toEqual(['Second. Third.', 'First. Third.', 'First. Second.']);
    const w = wordUnits('Google it pal.');
    expect(w.map((u) => without('Google it pal.', u))).toEqual(['it pal.', 'Google pal.', 'Google it .']);
  });

  it('pieces put the text back together exactly, units and gaps alike', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, words) => {
        const units = words ? wordUnits(text) : sentenceUnits(text);
        const ps = pieces(text, units);
        expect(ps.map((p) => p.text).join('')).toBe(text);
        expect(ps.filter((p) => p.unit !== null).map((p) => p.text)).toEqual(units.map((u) => u.text));
      }),
      { numRuns: 300 },
    );
  });
});
