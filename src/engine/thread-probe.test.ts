import { describe, expect, it } from 'vitest';
import { chooseThreads, steadyProbe } from './thread-probe';

describe('chooseThreads', () => {
  it('takes two threads where they run nearly twice as fast as one (a quiet two-core machine)', () => {
    expect(chooseThreads(new Map([[2, 1.85]]))).toBe(2);
  });
  it('takes one where a busy core makes two threads wait for each other', () => {
    expect(chooseThreads(new Map([[2, 1.2]]))).toBe(1);
    expect(chooseThreads(new Map([[2, 0.7]]))).toBe(1);
  });
  it('takes the largest count that pays for its threads', () => {
    expect(
      chooseThreads(
        new Map([
          [4, 3.5],
          [2, 1.9],
        ]),
      ),
    ).toBe(4);
    expect(
      chooseThreads(
        new Map([
          [4, 2.2],
          [2, 1.9],
        ]),
      ),
    ).toBe(2);
  });
  it('takes one where a speed-up is more than its threads can give (the one-thread timing met a busy core)', () => {
    expect(steadyProbe(new Map([[2, 2.44]]))).toBe(false);
    expect(chooseThreads(new Map([[2, 2.44]]))).toBe(1);
    expect(steadyProbe(new Map([[2, 2.2]]))).toBe(true);
    expect(chooseThreads(new Map([[2, 2.2]]))).toBe(2);
  });
});
