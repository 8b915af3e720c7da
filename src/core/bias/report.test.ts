import { describe, expect, it } from 'vitest';
import { parseDataset, rowItems, type Dataset, type ItemScore } from '../formats';
import { seededRandom } from '../random';
import { biasReportCsv, biasReportJson } from './export';
import { characterCount, hasBulletList } from './features';
import { biasReport, type BiasEffect, type BiasReport } from './report';
import { biasRowsOf } from './rows';

/** A standard normal draw (Box–Muller) from a seeded uniform source. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const WORDS = ['river', 'stone', 'light', 'garden', 'winter', 'paper', 'window', 'market'];

/** Plain prose of exactly `length` characters, optionally opened by a two-item bullet list. */
function response(random: () => number, length: number, bullets: boolean): string {
  let text = bullets ? '- first point\n- second point\n' : '';
  while (text.length < length) text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  return text.slice(0, length).trimEnd().padEnd(length, '.');
}

const scored = (score: number): ItemScore => ({
  score,
  logits: [score],
  tokenCount: 1,
  truncated: false,
  backend: 'test',
  dtype: 'fp32',
  timingMs: 0,
});

/** Scores every input of a dataset with `score(response)`: the known function the report should recover. */
function scoreDataset(ds: Dataset, score: (response: string) => number): ItemScore[][] {
  return ds.records.map((r) => rowItems(r.row!).map((it) => scored(score(it.input.response))));
}

const effect = (report: BiasReport, feature: string): BiasEffect =>
  report.effects.find((e) => e.feature === feature)!;

describe('batch bias report on a generated file', () => {
  // One response per prompt; score = 0.2 per 100 characters + 0.5 for a bullet list + noise (sd 0.5).
  // Bullet lists are more common in long answers, so an unmatched comparison would also credit them with length.
  const random = seededRandom(2026);
  const SLOPE_PER_100 = 0.2;
  const BULLET_EFFECT = 0.5;
  const lines = Array.from({ length: 600 }, (_, i) => {
    const length = 50 + Math.floor(random() * 1450);
    const bullets = random() < 0.2 + (0.6 * (length - 50)) / 1450;
    return JSON.stringify({ prompt: `Question ${i}?`, responses: [response(random, length, bullets)] });
  });
  const ds = parseDataset(lines.join('\n'));
  const noise = seededRandom(99);
  const scores = scoreDataset(
    ds,
    (text) =>
      (SLOPE_PER_100 / 100) * characterCount(text) +
      (hasBulletList(text) ? BULLET_EFFECT : 0) +
      0.5 * normal(noise),
  );
  const rows = biasRowsOf(ds.records, scores);
  const report = biasReport(rows);

  it('recovers the length–score relation: sign, size per 100 characters, interval covering the truth', () => {
    expect(report.responses).toBe(600);
    expect(report.severalPerPrompt).toBe(false);
    const length = effect(report, 'length');
    expect(length.method).toBe('spearman');
    expect(length.n).toBe(600);
    expect(length.estimate).toBeGreaterThan(0.5); // a strong positive rank correlation…
    expect(length.low).toBeGreaterThan(0); // …whose interval excludes 0
    // The report measures the whole association with length: the direct 0.2 per 100 characters plus the
    // bullet effect times how fast bullet lists become likelier with length (0.6 over 1450 characters).
    const truth = SLOPE_PER_100 + BULLET_EFFECT * ((0.6 / 1450) * 100);
    const slope = length.per100Chars!;
    expect(slope.low).toBeLessThanOrEqual(truth);
    expect(slope.high).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(slope.estimate - truth)).toBeLessThan(0.03);
  });

  it('recovers the planted bullet-list effect within length bins, where the raw difference is inflated by length', () => {
    const bullets = effect(report, 'bullets');
    expect(bullets.method).toBe('length-bins');
    expect(bullets.present).toBe(rows.filter((r) => hasBulletList(r.response)).length);
    expect(bullets.low).toBeLessThanOrEqual(BULLET_EFFECT);
    expect(bullets.high).toBeGreaterThanOrEqual(BULLET_EFFECT);
    expect(bullets.low).toBeGreaterThan(0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const raw =
      mean(rows.filter((r) => hasBulletList(r.response)).map((r) => r.score)) -
      mean(rows.filter((r) => !hasBulletList(r.response)).map((r) => r.score));
    expect(raw - BULLET_EFFECT).toBeGreaterThan(0.3);
    expect(Math.abs(bullets.estimate - BULLET_EFFECT)).toBeLessThan(0.15);
  });

  it('has no estimate for a feature no response has, and says so with n = 0', () => {
    const code = effect(report, 'code');
    expect(code.present).toBe(0);
    expect(code.n).toBe(0);
    expect(code.estimate).toBeNaN();
  });

  it('is reproducible: the same rows and seed give the same report', () => {
    expect(biasReport(rows)).toEqual(report);
    expect(biasReport(rows, { seed: 1 }).effects[0]!.low).not.toBe(report.effects[0]!.low);
  });

  it('exports every effect as CSV and the whole report as JSON', () => {
    const csv = biasReportCsv([{ model: 'm · q8', report }])
      .trim()
      .split('\r\n');
    expect(csv[0]).toMatch(/^model,feature,measure,method,estimate,ci_low,ci_high,n,present/);
    expect(csv).toHaveLength(1 + report.effects.length);
    expect(csv.find((l) => l.includes(',code,'))).toMatch(/,difference,length-bins,,,,0,0,/);
    const json = JSON.parse(biasReportJson('f.jsonl', [{ model: 'm · q8', report }])) as {
      file: string;
      reports: { model: string; report: BiasReport }[];
    };
    expect(json.file).toBe('f.jsonl');
    expect(json.reports[0]!.report.effects).toHaveLength(report.effects.length);
  });
});

describe('batch bias report with several responses per prompt', () => {
  // 150 prompts × 4 responses; a large prompt effect (sd 2) that only a within-prompt comparison removes.
  const random = seededRandom(7);
  const noise = seededRandom(8);
  const promptEffect = new Map<string, number>();
  const lines = Array.from({ length: 150 }, (_, i) =>
    JSON.stringify({
      prompt: `Prompt ${i}`,
      responses: Array.from({ length: 4 }, () =>
        response(random, 100 + Math.floor(random() * 400), random() < 0.5),
      ),
    }),
  );
  const ds = parseDataset(lines.join('\n'));
  for (const r of ds.records) promptEffect.set(r.text, 2 * normal(noise));
  const scores = ds.records.map((r) =>
    rowItems(r.row!).map((it) =>
      scored(promptEffect.get(r.text)! + (hasBulletList(it.input.response) ? 0.4 : 0) + 0.3 * normal(noise)),
    ),
  );
  const report = biasReport(biasRowsOf(ds.records, scores));

  it('matches within prompt and recovers the bullet effect with an interval covering it', () => {
    expect(report.severalPerPrompt).toBe(true);
    expect(report.prompts).toBe(150);
    const bullets = effect(report, 'bullets');
    expect(bullets.method).toBe('within-prompt');
    expect(bullets.n).toBeGreaterThan(100); // prompts with both kinds of answer
    expect(bullets.n).toBeLessThanOrEqual(150);
    expect(bullets.low).toBeLessThanOrEqual(0.4);
    expect(bullets.high).toBeGreaterThanOrEqual(0.4);
    expect(bullets.high - bullets.low).toBeLessThan(0.3);
  });
});

describe('a feature in very few responses', () => {
  it('gets an estimate but no interval with fewer than 5 responses on a side', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      prompt: `Q${i}?`,
      response: `${i < 2 ? 'Sorry, ' : ''}answer ${'x'.repeat(i)}`,
      score: i < 2 ? 1 : 0,
      group: String(i),
    }));
    const apology = effect(biasReport(rows), 'apology');
    expect(apology.present).toBe(2);
    expect(Number.isFinite(apology.estimate)).toBe(true);
    expect(apology.low).toBeNaN();
    expect(apology.high).toBeNaN();
    // With 5, the interval is back.
    const five = rows.map((r, i) => (i < 5 ? { ...r, response: `Sorry, ${r.response}`, score: 1 } : r));
    expect(Number.isFinite(effect(biasReport(five), 'apology').low)).toBe(true);
  });
});

describe('biasRowsOf', () => {
  it('takes every scored input, the last user turn as the prompt, and groups a pair by its conversation', () => {
    const ds = parseDataset(
      [
        JSON.stringify({ prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'No idea.' }),
        JSON.stringify({ prompt: 'Two plus two?', chosen: 'Four.', rejected: 'Five.' }),
        '{"broken": ',
      ].join('\n'),
    );
    const rows = biasRowsOf(ds.records, [
      [scored(1), scored(-1)],
      [scored(2), { error: 'too long' }],
      undefined,
    ]);
    expect(rows.map((r) => [r.prompt, r.response, r.score])).toEqual([
      ['Capital of France?', 'Paris.', 1],
      ['Capital of France?', 'No idea.', -1],
      ['Two plus two?', 'Four.', 2],
    ]);
    expect(rows[0]!.group).toBe(rows[1]!.group);
    expect(rows[2]!.group).not.toBe(rows[0]!.group);
  });
});
