import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_SETS } from '../../core/check-sets';
import type { StoredCheck } from '../store/model-slice';
import { checkKey, checkSetUrl, setOf } from './run-check';

describe('check sets and where their results are kept', () => {
  it('keeps results per model, dtype and set; the human set keeps the key stored before there were two sets', () => {
    expect(checkKey('human', 'minilm-reward', 'q8')).toBe('minilm-reward · q8');
    expect(checkKey('obvious', 'minilm-reward', 'q8')).toBe('minilm-reward · q8 · obvious');
    const old = { model: 'm', dtype: 'q8' } as StoredCheck;
    expect(setOf(old)).toBe('human');
    expect(setOf({ ...old, set: 'obvious' })).toBe('obvious');
  });

  it('points at shipped files with the number of pairs each one holds', () => {
    for (const set of CHECK_SETS) {
      expect(checkSetUrl(set.id)).toBe(`/${set.file}`);
      const file = join('public', set.file);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(set.pairs);
    }
  });
});
