import { describe, expect, it } from 'vitest';
import { pairOutcomes, parseDataset, type ItemScore } from '../../core/formats';
import { pairVerdict, scatterSeries, verdictsByLine } from './batch-marks';

const scored = (score: number): ItemScore => ({
  score,
  logits: [score],
  tokenCount: 1,
  truncated: false,
  backend: 'wasm',
  dtype: 'q8',
  timingMs: 1,
});

describe('batch marks', () => {
  it('a pair is right when chosen scores strictly higher; a tie is its own mark (it counts as wrong)', () => {
    expect(pairVerdict({ chosen: 1, rejected: 0 })).toBe('right');
    expect(pairVerdict({ chosen: 0, rejected: 1 })).toBe('wrong');
    expect(pairVerdict({ chosen: 0.5, rejected: 0.5 })).toBe('tie');
  });

  it('marks each pair by line and splits the scatter into chosen and rejected points', () => {
    const text = [
      JSON.stringify({ prompt: 'p', chosen: 'long good answer', rejected: 'no' }),
      JSON.stringify({ prompt: 'q', chosen: 'yes', rejected: 'a wordy wrong one' }),
    ].join('\n');
    const { records } = parseDataset(text);
    const scores = [
      [scored(2), scored(1)],
      [scored(0), scored(3)],
    ];
    expect([...verdictsByLine(pairOutcomes(records, scores))]).toEqual([
      [1, 'right'],
      [2, 'wrong'],
    ]);
    expect(scatterSeries(records, scores)).toEqual({
      chosen: [
        { x: 16, y: 2 },
        { x: 3, y: 0 },
      ],
      rejected: [
        { x: 2, y: 1 },
        { x: 17, y: 3 },
      ],
      other: [],
    });
  });
});
