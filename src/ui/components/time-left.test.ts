import { describe, expect, it } from 'vitest';
import { timeLeftText } from './time-left';

describe('timeLeftText', () => {
  it('scales the time so far by the work still to do', () => {
    expect(timeLeftText(10_000, 0.25)).toBe('about 30 s left');
    expect(timeLeftText(60_000, 0.2)).toBe('about 4 min left');
    expect(timeLeftText(1_000, 0.5)).toBe('a few seconds left');
  });
  it('says nothing before the first batch or after the last', () => {
    expect(timeLeftText(5_000, 0)).toBe('');
    expect(timeLeftText(5_000, 1)).toBe('');
    expect(timeLeftText(0, 0.5)).toBe('');
  });
});
