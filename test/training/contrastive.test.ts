/**
 * The rule-made contrastive pairs (training/contrastive.py) and the held-out filter (training/held_out.py), checked
 * in the pinned venv by training/test_contrastive.py: every type is built from training prompts only, length gives
 * nothing away, cut answers end mid-sentence, and no template phrase or training pair is one of the app's tests.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const skip = process.env.RP_SKIP_TRAINING === '1';

describe.skipIf(skip)('training/contrastive.py', () => {
  it('builds every rule-made type without leaking tests or validation prompts', { timeout: 120_000 }, () => {
    const r = spawnSync('node', ['training/python.mjs', 'test_contrastive.py'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: \d+ rule-made pairs checked/);
  });
});
