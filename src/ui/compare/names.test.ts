import { describe, expect, it } from 'vitest';
import { splitPastedCandidates } from './split-pasted';
import { candidateName } from '../store/candidate-names';

describe('candidate names and pasting', () => {
  it('names probes after their original', () => {
    const list = [
      { id: 'x', text: 'a' },
      { id: 'y', text: 'b', probe: { of: 'x', kind: 'pad' } },
    ];
    expect(candidateName(list, 0)).toBe('Candidate 1');
    expect(candidateName(list, 1)).toBe('Candidate 2 (pad probe of Candidate 1)');
  });

  it('splits pasted text on --- lines and drops empty blocks', () => {
    expect(splitPastedCandidates('one\n---\ntwo\nlines\n  ---  \n\n---\nthree')).toEqual([
      'one',
      'two\nlines',
      'three',
    ]);
    expect(splitPastedCandidates('a --- b')).toEqual(['a --- b']);
  });
});
