/**
 * training/form_head.py reads the engine's one pair input with a frozen sentence encoder, one segment at a time:
 * each segment's features must be exactly those of its text encoded alone (else the head's inputs would depend on
 * the other side of the pair).
 */
import { describe, expect, it } from 'vitest';
import { runTrainingScript, SKIP_TRAINING } from './helpers';

describe.skipIf(SKIP_TRAINING)('training/form_head.py', () => {
  it('encodes the prompt and the response of one input as if each were alone', { timeout: 120_000 }, () => {
    const r = runTrainingScript(['form_head.py', 'check']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: each segment is encoded as if alone/);
  });
});
