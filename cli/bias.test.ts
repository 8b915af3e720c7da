import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/core/random';
import { biasCommand } from './bias';

const dir = mkdtempSync(join(tmpdir(), 'rp-bias-'));
const file = (name: string, lines: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
  return path;
};

describe('cli bias', () => {
  // Scored pairs as annotate writes them: the longer answer scores higher by 0.01 per character, plus noise.
  const random = seededRandom(5);
  const pairs = Array.from({ length: 80 }, (_, i) => {
    const a = 'word '.repeat(2 + Math.floor(random() * 60)).trim();
    const b = `Sorry, ${'word '.repeat(2 + Math.floor(random() * 60)).trim()}`;
    const score = (t: string) => 0.01 * t.length + (random() - 0.5) * 0.2;
    return {
      input_line: i + 1,
      prompt: `Q${i}?`,
      chosen: a,
      rejected: b,
      chosen_score: score(a),
      rejected_score: score(b),
    };
  });
  const scored = file('pairs.scored.jsonl', pairs);

  it('prints the report of a scored pairs file as a table, without loading a model', async () => {
    const out = await biasCommand(scored, { format: 'auto' });
    expect(out).toMatch(/^160 scored responses to 80 prompts/);
    const length = out.split('\n').find((l) => l.startsWith('Length (characters)'))!;
    expect(length).toMatch(
      /Spearman ρ\s+0\.9\d\d \[0\.9\d\d, 0\.9\d\d\]; 0\.99\d per 100 chars\s+160 responses/,
    );
    expect(out).toMatch(/Apology\s+Δ mean within prompt\s+-?\d\.\d{3} \[/);
  });

  it('prints JSON and CSV', async () => {
    const json = JSON.parse(await biasCommand(scored, { format: 'auto', json: true })) as {
      file: string;
      reports: { report: { responses: number } }[];
    };
    expect(json.file).toBe('pairs.scored.jsonl');
    expect(json.reports[0]!.report.responses).toBe(160);
    const csv = await biasCommand(scored, { format: 'auto', csv: true });
    expect(csv.split('\r\n')).toHaveLength(10);
  });

  it('reads candidate lists’ scores, leaving out a response that has none', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({
      prompt: `Q${i}?`,
      responses: ['- a\n- b', 'plain', 'plain too'],
      scores: [1 + i / 10, 0, i === 0 ? null : 0.1],
    }));
    const json = JSON.parse(
      await biasCommand(file('cands.scored.jsonl', lines), { format: 'auto', json: true }),
    ) as {
      reports: {
        report: { responses: number; effects: { feature: string; method: string; estimate: number }[] };
      }[];
    };
    const { report } = json.reports[0]!;
    expect(report.responses).toBe(29);
    const bullets = report.effects.find((e) => e.feature === 'bullets')!;
    expect(bullets.method).toBe('within-prompt');
    expect(bullets.estimate).toBeGreaterThan(1);
  });

  it('refuses a file without scores, and a NeMo file, saying what it reads', async () => {
    const unscored = file('pairs.jsonl', [{ prompt: 'Q?', chosen: 'a', rejected: 'b' }]);
    await expect(biasCommand(unscored, { format: 'auto' })).rejects.toThrow(/No row of this file has scores/);
    const nemo = file('nemo.jsonl', [
      {
        conversations: [
          { from: 'User', value: 'Hi' },
          { from: 'Assistant', value: 'Hello', label: 'reward:1' },
        ],
      },
    ]);
    await expect(biasCommand(nemo, { format: 'auto' })).rejects.toThrow(/Line 1: a NeMo file/);
  });
});
