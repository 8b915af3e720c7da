/**
 * training/form_head.py reads the engine's one pair input with a frozen sentence encoder, one segment at a time:
 * each segment's features, and the response's first sentence, must be exactly those of its text encoded alone (else
 * the head's inputs would depend on the other side of the pair or on the batch).
 */
import { describe, expect, it } from 'vitest';
import { runTrainingScript, SKIP_TRAINING } from './helpers';

describe.skipIf(SKIP_TRAINING)('training/form_head.py', () => {
  it(
    'encodes the prompt, the response and its first sentence as if each were alone',
    { timeout: 120_000 },
    () => {
      const r = runTrainingScript(['form_head.py', 'check']);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(
        /ok: each segment and the first sentence are encoded as if alone .*; batch-independent/,
      );
    },
  );
});
