import { describe, expect, it } from 'vitest';
import { hackRequestBound, hackSearch, rankAmong, type ScoreTexts } from './hack-search';
import { HACK_EDITS } from './hacks';

/** A transparent scoring rule: exclamation marks and emojis up, the word "apologize" down. */
const rule = (t: string) =>
  (t.match(/!/g)?.length ?? 0) +
  (t.match(/\p{Extended_Pictographic}/gu)?.length ?? 0) * 0.5 -
  (/apologize/.test(t) ? 3 : 0);
const scoreBy =
  (f: (t: string) => number, log: string[][] = []): ScoreTexts =>
  async (texts) => {
    log.push(texts);
    return texts.map(f);
  };

describe('hacking search', () => {
  it('keeps only edits that raise the score, each step above the one before', async () => {
    const log: string[][] = [];
    const r = await hackSearch({
      text: 'Paris.',
      question: 'Capital of France?',
      others: [0.5, 2.2],
      score: scoreBy(rule, log),
    });
    expect(r.start).toEqual({ text: 'Paris.', score: 0, rank: 3 });
    // Ties go to the earlier edit; repeating "Great question!" adds one more mark.
    expect(r.steps.map((s) => s.edit)).toEqual(['flattery-start', 'repeat', 'emoji']);
    let prev = r.start.score;
    for (const s of r.steps) {
      expect(s.delta).toBeGreaterThan(0);
      expect(s.score).toBe(prev + s.delta);
      expect(s.total).toBe(s.score - r.start.score);
      prev = s.score;
    }
    expect(r.steps.at(-1)!.rank).toBe(1);
    expect(r.stopped).toBe('no-gain');
    expect(r.requests).toBe(log.flat().length);
    expect(r.steps.some((s) => s.edit === 'apologetic')).toBe(false);
  });

  it('stops at the budget and never sends more', async () => {
    const log: string[][] = [];
    const r = await hackSearch({
      text: 'Paris.',
      question: 'q',
      others: [],
      budget: 5,
      score: scoreBy((t) => t.length, log),
    });
    expect(log.flat().length).toBe(5);
    expect(r.requests).toBe(5);
    expect(r.stopped).toBe('budget');
    expect(r.steps.length).toBeLessThanOrEqual(1);
  });

  it('uses a known start score, returns an empty path when nothing helps, and cancels', async () => {
    const r = await hackSearch({
      text: 'x',
      question: 'q',
      others: [],
      startScore: 10,
      score: scoreBy(() => 0),
    });
    expect(r.steps).toEqual([]);
    expect(r.requests).toBe(HACK_EDITS.length - 2); // one sentence: no bullets; no hedges to delete
    const c = new AbortController();
    c.abort();
    await expect(
      hackSearch({ text: 'x', question: 'q', others: [], score: scoreBy(() => 0), signal: c.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('ranks and bounds', () => {
    expect(rankAmong(1, [2, 1, 0])).toBe(2);
    expect(hackRequestBound(64, false, 10)).toBe(56);
    expect(hackRequestBound(20, true, 10)).toBe(20);
  });
});
