/**
 * `annotate --activated` (issue 15, item 4) with the real embedded models: the same rows as a raw run, with
 * each score activated (sigmoid for tiny-bert-reward's one output, softmax over tiny-llama-reward's two), and
 * a raw output file is never resumed in activated mode.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from './program';

const dir = mkdtempSync(join(tmpdir(), 'rp-activated-'));
const input = join(dir, 'pairs.jsonl');
writeFileSync(
  input,
  [
    { prompt: 'What is 2+2?', chosen: '2+2 equals 4.', rejected: 'It is 5.' },
    { prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Berlin, I think.' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n',
);
const rows = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
afterAll(() => stderr.mockRestore());

async function annotate(model: string, out: string, activated: boolean) {
  const args = ['annotate', input, '-o', out, '--model', model, '--dtype', 'fp32', '--no-progress'];
  await buildProgram().parseAsync([
    'node',
    'reward-playground',
    ...args,
    ...(activated ? ['--activated'] : []),
  ]);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('annotate --activated', () => {
  it('tiny-bert-reward: each score is the sigmoid of the raw reward', async () => {
    await annotate('tiny-bert-reward', join(dir, 'bert-raw.jsonl'), false);
    await annotate('tiny-bert-reward', join(dir, 'bert-act.jsonl'), true);
    const raw = rows(join(dir, 'bert-raw.jsonl'));
    const act = rows(join(dir, 'bert-act.jsonl'));
    expect(act).toHaveLength(raw.length);
    raw.forEach((r, i) => {
      for (const key of ['chosen_score', 'rejected_score']) {
        expect(act[i]![key]).toBeCloseTo(sigmoid(r[key] as number), 12);
        expect(act[i]![key]).not.toBe(r[key]);
      }
    });
  });

  it('tiny-llama-reward: attributes are a softmax; the score is their default-weighted sum', async () => {
    await annotate('tiny-llama-reward', join(dir, 'llama-raw.jsonl'), false);
    await annotate('tiny-llama-reward', join(dir, 'llama-act.jsonl'), true);
    const raw = rows(join(dir, 'llama-raw.jsonl'));
    const act = rows(join(dir, 'llama-act.jsonl'));
    raw.forEach((r, i) => {
      const a = r.chosen_attributes as { reward: number; overall: number };
      const b = act[i]!.chosen_attributes as { reward: number; overall: number };
      const e = [Math.exp(a.reward), Math.exp(a.overall)];
      expect(b.reward).toBeCloseTo(e[0]! / (e[0]! + e[1]!), 12);
      expect(b.reward + b.overall).toBeCloseTo(1, 12);
      // tiny-llama-reward's default weights: reward 1, overall 0.
      expect(act[i]!.chosen_score).toBeCloseTo(b.reward, 12);
    });
  });

  it('refuses to resume a raw output file in activated mode', async () => {
    const out = join(dir, 'bert-raw.jsonl');
    const before = readFileSync(out, 'utf8');
    await expect(annotate('tiny-bert-reward', out, true)).rejects.toThrow(/activated/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });
});
