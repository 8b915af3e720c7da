/**
 * The rule-made contrastive pairs (training/contrastive.py) and the held-out filter (training/held_out.py), checked
 * in the pinned venv by training/test_contrastive.py: every type is built from training prompts only, length gives
 * nothing away, cut answers end mid-sentence, and no template phrase or training pair is one of the app's tests.
 */
import { describe, expect, it } from 'vitest';
import { runTrainingScript, SKIP_TRAINING } from './helpers';

describe.skipIf(SKIP_TRAINING)('training/contrastive.py', () => {
  it('builds every rule-made type without leaking tests or validation prompts', { timeout: 120_000 }, () => {
    const r = runTrainingScript(['test_contrastive.py']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: \d+ rule-made pairs checked/);
  });
});
