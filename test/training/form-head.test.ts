/**
 * training/form_head.py reads the engine's one pair input with a frozen sentence encoder, one segment at a time:
 * each segment's features must be exactly those of its text encoded alone (else the head's inputs would depend on
 * the other side of the pair).
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const skip = process.env.RP_SKIP_TRAINING === '1';

describe.skipIf(skip)('training/form_head.py', () => {
  it('encodes the prompt and the response of one input as if each were alone', { timeout: 120_000 }, () => {
    const r = spawnSync('node', ['training/python.mjs', 'form_head.py', 'check'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/ok: each segment is encoded as if alone/);
  });
});
