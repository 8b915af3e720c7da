import { describe, expect, it } from 'vitest';
import { autoScoreDelayMs, DEBOUNCE_MS } from './auto-score';

describe('auto-score delay', () => {
  const model = { id: 'minilm-reward' };
  it('scores at once when a model has just loaded (nothing scored yet, or another model before)', () => {
    expect(autoScoreDelayMs(null, model)).toBe(0);
    expect(autoScoreDelayMs({ id: 'other' }, model)).toBe(0);
  });
  it('waits out typing when the same model scores again after an edit', () => {
    expect(autoScoreDelayMs(model, model)).toBe(DEBOUNCE_MS);
  });
});
