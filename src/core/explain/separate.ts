/**
 * What separates #1 and #2: from both candidates' leave-one-out explanations, the score each gets when the
 * other's highest-weighted unit is swapped in for its own lowest-weighted one, and the smallest edit (fewest
 * characters changed) found that flips the ranking. Leaving a unit out costs nothing here — the explanations
 * already scored it — so only swaps and insertions spend the request budget, and only those smaller than the
 * best flip found so far are tried.
 */
import type { Attribution, Explanation } from './leave-one-out';
import type { TextUnit } from './units';
import type { ScoreTexts } from './hack-search';

export type Side = 'first' | 'second';

export interface SeparatingEdit {
  /** Which answer is edited. */
  side: Side;
  description: string;
  /** The edited answer. */
  text: string;
  /** Characters removed plus characters added. */
  size: number;
}

export interface ScoredEdit extends SeparatingEdit {
  score: number;
  /** The edited answer now ranks on the other side of the unedited one. */
  flips: boolean;
}

export interface Separation {
  /** #1 with #2's best unit in place of its weakest, and #2 with #1's best in place of its weakest. */
  swaps: ScoredEdit[];
  /** The smallest edit found that flips the ranking, or null within the budget. */
  flip: ScoredEdit | null;
  /** Scores sent (the explanations' own are not counted). */
  requests: number;
}

const responseUnits = (e: Explanation) =>
  e.attributions.filter(
    (a): a is Attribution & { place: { side: 'response'; unit: TextUnit } } => a.place.side === 'response',
  );

function replaceUnit(text: string, unit: TextUnit, by: string): string {
  return text.slice(0, unit.start) + by + text.slice(unit.end);
}

const quote = (s: string) => `“${s.length > 40 ? `${s.slice(0, 39)}…` : s}”`;

/** Every swap and insertion between the two answers' response units, smallest first. */
export function candidateEdits(first: Explanation, second: Explanation): SeparatingEdit[] {
  const edits: SeparatingEdit[] = [];
  const pairs: [Side, Explanation, Explanation][] = [
    ['first', first, second],
    ['second', second, first],
  ];
  for (const [side, self, other] of pairs) {
    const text = self.plan.input.response;
    for (const o of responseUnits(other)) {
      for (const u of responseUnits(self)) {
        edits.push({
          side,
          description: `in #${side === 'first' ? 1 : 2}, replace ${quote(u.text)} with ${quote(o.text)}`,
          text: replaceUnit(text, u.place.unit, o.text),
          size: u.text.length + o.text.length,
        });
      }
      edits.push({
        side,
        description: `append ${quote(o.text)} to #${side === 'first' ? 1 : 2}`,
        text: `${text.trimEnd()} ${o.text}`,
        size: o.text.length,
      });
    }
  }
  return edits
    .filter((e) => e.text !== (e.side === 'first' ? first : second).plan.input.response)
    .sort((a, b) => a.size - b.size);
}

/** Left-out units that already flip the ranking (scored by the explanations), smallest first. */
export function freeFlips(first: Explanation, second: Explanation): ScoredEdit[] {
  const out: ScoredEdit[] = [];
  for (const [side, self, other] of [
    ['first', first, second],
    ['second', second, first],
  ] as const) {
    for (const a of responseUnits(self)) {
      const flips = side === 'first' ? a.without < other.full : a.without > other.full;
      if (!flips) continue;
      out.push({
        side,
        description: `leave ${quote(a.text)} out of #${side === 'first' ? 1 : 2}`,
        text: self.plan.variants[self.attributions.indexOf(a)]!.response,
        size: a.text.length,
        score: a.without,
        flips,
      });
    }
  }
  return out.sort((a, b) => a.size - b.size);
}

function best(
  list: readonly Attribution[],
  pick: (a: number, b: number) => boolean,
): Attribution | undefined {
  return list.reduce<Attribution | undefined>(
    (m, a) => (m === undefined || pick(a.attribution, m.attribution) ? a : m),
    undefined,
  );
}

/** The two swaps the issue names: each answer's highest-weighted unit in place of the other's lowest. */
export function bestSwaps(first: Explanation, second: Explanation): SeparatingEdit[] {
  const out: SeparatingEdit[] = [];
  for (const [side, self, other] of [
    ['first', first, second],
    ['second', second, first],
  ] as const) {
    const give = best(responseUnits(other), (a, b) => a > b);
    const drop = best(responseUnits(self), (a, b) => a < b);
    if (!give || !drop || drop.place.side !== 'response') continue;
    out.push({
      side,
      description: `#${side === 'first' ? 1 : 2} with ${quote(give.text)} (#${side === 'first' ? 2 : 1}’s best) in place of ${quote(drop.text)}`,
      text: replaceUnit(self.plan.input.response, drop.place.unit, give.text),
      size: drop.text.length + give.text.length,
    });
  }
  return out;
}

/**
 * Scores the two best swaps, then edits smaller than the smallest flip known so far, in batches, until one flips or
 * the budget is spent. `scoreFirst`/`scoreSecond` score texts as answers to each candidate's conversation (the
 * same conversation in the Compare view).
 */
export async function separate(
  first: Explanation,
  second: Explanation,
  score: ScoreTexts,
  options: { budget?: number; batch?: number; signal?: AbortSignal } = {},
): Promise<Separation> {
  const budget = Math.max(0, options.budget ?? 64);
  const batchSize = Math.max(1, options.batch ?? 16);
  let requests = 0;
  const flipsFor = (e: SeparatingEdit, s: number) => (e.side === 'first' ? s < second.full : s > first.full);
  const run = async (edits: SeparatingEdit[]): Promise<ScoredEdit[]> => {
    requests += edits.length;
    const s = await score(
      edits.map((e) => e.text),
      options.signal,
    );
    return edits.map((e, i) => ({ ...e, score: s[i]!, flips: flipsFor(e, s[i]!) }));
  };
  const swapEdits = bestSwaps(first, second).slice(0, budget);
  const swaps = swapEdits.length > 0 ? await run(swapEdits) : [];
  let flip: ScoredEdit | null =
    [...freeFlips(first, second), ...swaps.filter((s) => s.flips)].sort((a, b) => a.size - b.size)[0] ?? null;
  const seen = new Set(swapEdits.map((e) => `${e.side}\n${e.text}`));
  const queue = candidateEdits(first, second).filter((e) => !seen.has(`${e.side}\n${e.text}`));
  for (let at = 0; at < queue.length && requests < budget;) {
    const limit = flip?.size ?? Infinity;
    const batch: SeparatingEdit[] = [];
    while (
      at < queue.length &&
      batch.length < Math.min(batchSize, budget - requests) &&
      queue[at]!.size < limit
    ) {
      batch.push(queue[at]!);
      at++;
    }
    if (batch.length === 0) break;
    const found = (await run(batch)).find((e) => e.flips);
    if (found) flip = found;
  }
  return { swaps, flip, requests };
}
