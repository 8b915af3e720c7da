import { describe, expect, it } from 'vitest';
import { attributionColor, signed } from './explain-colors';

describe('attribution colours', () => {
  it('diverge around zero, symmetric in magnitude, saturating at the scale', () => {
    expect(attributionColor(0, 1)).toBe('transparent');
    expect(attributionColor(0.5, 0)).toBe('transparent');
    expect(attributionColor(Number.NaN, 1)).toBe('transparent');
    expect(attributionColor(1, 1)).toBe('rgba(33, 102, 172, 0.600)');
    expect(attributionColor(-1, 1)).toBe('rgba(217, 95, 2, 0.600)');
    expect(attributionColor(0.5, 1)).toBe('rgba(33, 102, 172, 0.300)');
    expect(attributionColor(-0.5, 1)).toBe('rgba(217, 95, 2, 0.300)');
    expect(attributionColor(3, 1)).toBe('rgba(33, 102, 172, 0.600)');
  });
  it('signs values', () => {
    expect(signed('0.120', 0.12)).toBe('+0.120');
    expect(signed('-0.120', -0.12)).toBe('−0.120');
    expect(signed('0.000', 0)).toBe('0.000');
  });
});
