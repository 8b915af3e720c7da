/**
 * `eval` on the shipped obvious-cases suite with the real default model (minilm-reward, q8 as the engine loads
 * it): one row per category beside "longer answer wins", `facts` reported apart after an "all but facts" row, and
 * figures that add up. No accuracy is pinned: the default model is being replaced.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { loadEmbedded } from '../server/test-support';
import { evalJson, evaluate, formatEvalTable, type EvalReport } from './eval';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUITE = join(REPO, 'public/check-set/obvious-pairs.jsonl');
const FORM = [
  'dismissive',
  'empty',
  'harmful_refusal',
  'off_topic',
  'over_refusal',
  'repeated',
  'rude',
  'truncated',
  'word_salad',
];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('eval on public/check-set/obvious-pairs.jsonl with minilm-reward', () => {
  let backend: Model;
  let report: EvalReport;
  // 640 responses on a shared 2-core machine.
  beforeAll(async () => {
    backend = await loadEmbedded('minilm-reward', { dtype: 'q8' });
    report = await evaluate({
      input: SUITE,
      format: 'auto',
      chunkRows: 16,
      truncate: true,
      progress: false,
      backend,
    });
  }, 600_000);
  afterAll(() => backend?.dispose());

  it('scores every pair of every category, and the parts add up', () => {
    const lines = readFileSync(SUITE, 'utf8').trim().split('\n').length;
    expect(report.rows).toBe(lines);
    expect(report.errors).toEqual([]);
    expect(report.overall).toMatchObject({ n: lines, skipped: 0 });
    expect(Object.keys(report.bySubset)).toEqual([...FORM.slice(0, 2), 'facts', ...FORM.slice(2)]);
    const sum = (k: 'n' | 'correct') => Object.values(report.bySubset).reduce((a, s) => a + s[k], 0);
    expect(sum('n')).toBe(report.overall.n);
    expect(sum('correct')).toBe(report.overall.correct);
    const facts = report.bySubset.facts!;
    expect(report.withoutApart).toMatchObject({
      apart: ['facts'],
      overall: { n: report.overall.n - facts.n, correct: report.overall.correct - facts.correct },
    });
    // The suite is built so that length gives nothing away, except that an empty answer is always shorter.
    for (const name of FORM)
      expect(report.longerWinsBySubset[name]!.accuracy).toBe(name === 'empty' ? 1 : 0.5);
  });

  it('prints one table row per category with longer wins, "all but facts", facts apart, then overall', () => {
    const table = formatEvalTable(report).split('\n');
    expect(table[0]).toBe(`model minilm-reward · pairs · ${report.rows} rows`);
    expect(table[1]!.split(/\s{2,}/)).toEqual([
      'subset',
      'pairs',
      'correct',
      'ties',
      'non-finite',
      'accuracy',
      'longer wins',
    ]);
    const rows = table.slice(2, 2 + FORM.length + 3).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual([...FORM, 'all but facts', 'facts (apart)', 'overall']);
    const figures = [
      ...FORM.map((n) => [report.bySubset[n]!, report.longerWinsBySubset[n]!] as const),
      [report.withoutApart!.overall, report.withoutApart!.longerWins] as const,
      [report.bySubset.facts!, report.longerWinsBySubset.facts!] as const,
      [report.overall, report.longerWins] as const,
    ];
    rows.forEach((r, i) => {
      const [s, longer] = figures[i]!;
      expect(r.slice(1)).toEqual([
        String(s.n),
        String(s.correct),
        String(s.ties),
        '0',
        pct(s.accuracy),
        pct(longer.accuracy),
      ]);
    });
    expect(table.join('\n')).toContain('facts: reported apart');
    const json = JSON.parse(evalJson(report)) as EvalReport;
    expect(json.withoutApart?.overall.n).toBe(report.overall.n - report.bySubset.facts!.n);
  });
});
