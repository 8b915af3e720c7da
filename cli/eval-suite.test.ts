/**
 * `eval` on the shipped obvious-cases suite with the real default model (q8 as the engine loads it): one row per
 * category beside "longer answer wins", `facts` reported apart after an "all but facts" row, and figures that add
 * up; the default gets every category but facts at 95% or more (the models issue's bar for a default). Then
 * `--content-free-edits` on part of the suite: each edit's pairs are the rejected answers it applies to, scored
 * edited.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HACK_EDITS } from '../src/core/explain/hacks';
import type { Model } from '../src/engine/contract';
import { DEFAULT_DTYPE, DEFAULT_EMBEDDED_MODEL } from '../src/engine/defaults';
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

describe(`eval on public/check-set/obvious-pairs.jsonl with ${DEFAULT_EMBEDDED_MODEL}`, () => {
  let backend: Model;
  let report: EvalReport;
  // 640 responses on a shared 2-core machine.
  beforeAll(async () => {
    backend = await loadEmbedded(DEFAULT_EMBEDDED_MODEL, { dtype: DEFAULT_DTYPE });
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
    expect(table[0]).toBe(`model ${DEFAULT_EMBEDDED_MODEL} · pairs · ${report.rows} rows`);
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
    expect(json.edits).toBeUndefined();
  });

  it('the default gets every category but facts right in at least 95% of its pairs', () => {
    for (const name of FORM) expect(report.bySubset[name]!.accuracy, name).toBeGreaterThanOrEqual(0.95);
  });

  it('--content-free-edits scores each edit on the rejected answers it applies to, edited', async () => {
    // Two pairs per category (facts too, reported apart), in a file of its own.
    const rows = readFileSync(SUITE, 'utf8').trim().split('\n');
    const some = [...FORM, 'facts'].flatMap((n) =>
      rows.filter((l) => (JSON.parse(l) as { subset: string }).subset === n).slice(0, 2),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'rp-edits-')), 'some.jsonl');
    writeFileSync(file, some.join('\n') + '\n');
    const r = await evaluate({
      input: file,
      format: 'auto',
      chunkRows: 16,
      truncate: true,
      progress: false,
      backend,
      contentFreeEdits: true,
    });
    const pairs = some.map(
      (l) => JSON.parse(l) as { prompt: string; chosen: string; rejected: string; subset: string },
    );
    const form = pairs.filter((p) => p.subset !== 'facts');
    for (const e of r.edits!) {
      const edit = HACK_EDITS.find((h) => h.id === e.id)!;
      const applies = form.filter((p) => edit.apply(p.rejected, { question: p.prompt }) !== null);
      expect(e.accuracy.n, e.id).toBe(applies.length);
    }
    // Every edit that applies to some pair is reported; one recomputed by hand from the engine's own scores.
    expect(r.edits!.map((e) => e.id)).toEqual(
      HACK_EDITS.filter((h) => form.some((p) => h.apply(p.rejected, { question: p.prompt }) !== null)).map(
        (h) => h.id,
      ),
    );
    const conv = (p: { prompt: string }) => ({ turns: [{ role: 'user' as const, content: p.prompt }] });
    const chosen = await backend.score(form.map((p) => ({ conversation: conv(p), response: p.chosen })));
    const flattered = await backend.score(
      form.map((p) => ({ conversation: conv(p), response: `Great question! ${p.rejected}` })),
    );
    const right = form.filter((_, i) => chosen[i]!.logits[0]! > flattered[i]!.logits[0]!).length;
    expect(r.edits!.find((e) => e.id === 'flattery-start')!.accuracy.correct).toBe(right);
    const table = formatEvalTable(r);
    expect(table).toContain(
      'The rejected answer with one content-free edit: the chosen one should still win (all but facts).',
    );
    expect(table).toContain('Prepend flattery ("Great question!")');
  }, 600_000);
});
