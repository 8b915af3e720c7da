/**
 * The committed obvious-cases check set (public/check-set/obvious-pairs.jsonl) is exactly what
 * training/obvious_suite.py writes, and the script's --check notices when it is not. Stdlib-only Python, so the
 * system python3 runs it without the training venv.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUITE = join(REPO, 'public/check-set/obvious-pairs.jsonl');
const PYTHON = process.env.PYTHON ?? 'python3';
// Reading ../shared/data for the prompt-overlap check takes ~10 s on the 2-core machine.
const TIMEOUT = 120_000;

function check(out: string) {
  const r = spawnSync(PYTHON, ['training/obvious_suite.py', '--check', '--out', out], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (r.error) throw new Error(`could not run ${PYTHON}: ${r.error.message}`);
  return r;
}

describe('training/obvious_suite.py --check', () => {
  const work = mkdtempSync(join(tmpdir(), 'rp-obvious-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes on the committed suite', { timeout: TIMEOUT }, () => {
    const r = check(SUITE);
    expect(r.stderr.replace(/^note: .*\n/m, '')).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('320 pairs, up to date');
  });

  it('fails, naming the file, when one answer was edited by hand', { timeout: TIMEOUT }, () => {
    const lines = readFileSync(SUITE, 'utf8').split('\n');
    const first = JSON.parse(lines[0] ?? '') as { chosen: string };
    lines[0] = JSON.stringify({ ...first, chosen: `${first.chosen} (edited)` });
    const edited = join(work, 'obvious-pairs.jsonl');
    writeFileSync(edited, lines.join('\n'));
    const r = check(edited);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${edited} is out of date`);
  });

  it('has at least 30 pairs in each of the ten categories', () => {
    const counts = new Map<string, number>();
    for (const line of readFileSync(SUITE, 'utf8').trim().split('\n')) {
      const p = JSON.parse(line) as { prompt: string; chosen: string; rejected: string; subset: string };
      expect(
        typeof p.prompt === 'string' && typeof p.chosen === 'string' && typeof p.rejected === 'string',
      ).toBe(true);
      counts.set(p.subset, (counts.get(p.subset) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([
      'dismissive',
      'empty',
      'facts',
      'harmful_refusal',
      'off_topic',
      'over_refusal',
      'repeated',
      'rude',
      'truncated',
      'word_salad',
    ]);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(30);
  });
});
