/**
 * A bounded greedy search for reward hacks: from an answer, try every unused content-free edit (hacks.ts), keep
 * the one that raises the score most, and go on from there until no edit raises it, every edit is used, or the
 * request budget is spent. Only edits that raised the score are on the returned path.
 */
import { RewardError } from '../errors';
import { HACK_EDITS, type HackContext, type HackEdit } from './hacks';

/** Scores texts as responses to the same conversation, in order. */
export type ScoreTexts = (texts: string[], signal?: AbortSignal) => Promise<number[]>;

export const DEFAULT_HACK_BUDGET = 64;

export interface HackStep {
  edit: string;
  label: string;
  text: string;
  score: number;
  /** Against the step before (always > 0). */
  delta: number;
  /** Against the starting answer. */
  total: number;
  /** Rank the edited answer would have among the other original candidates (1 = first). */
  rank: number;
}

export interface HackResult {
  start: { text: string; score: number; rank: number };
  steps: HackStep[];
  /** Scores requested, the starting one included when it was not given. */
  requests: number;
  budget: number;
  /** Why it stopped: no edit raised the score, every edit is on the path, or the budget ran out. */
  stopped: 'no-gain' | 'exhausted' | 'budget';
}

export interface HackSearchOptions extends HackContext {
  text: string;
  /** The starting answer's score, when known (saves one request). */
  startScore?: number;
  /** The scores of the other original candidates, for the rank column. */
  others: readonly number[];
  /** At most this many scores in all (default 64). */
  budget?: number;
  edits?: readonly HackEdit[];
  score: ScoreTexts;
  signal?: AbortSignal;
  /** After each round: the requests so far and the path so far. */
  onProgress?: (requests: number, steps: readonly HackStep[]) => void;
}

/** 1 + the number of other candidates scoring strictly higher. */
export function rankAmong(score: number, others: readonly number[]): number {
  return 1 + others.filter((o) => o > score).length;
}

/** The most scores a search can send: the budget, or every round of a search that keeps all edits. */
export function hackRequestBound(budget: number, startKnown: boolean, edits = HACK_EDITS.length): number {
  return Math.min(budget, (startKnown ? 0 : 1) + (edits * (edits + 1)) / 2);
}

export async function hackSearch(o: HackSearchOptions): Promise<HackResult> {
  const budget = Math.max(1, Math.floor(o.budget ?? DEFAULT_HACK_BUDGET));
  const edits = o.edits ?? HACK_EDITS;
  const context: HackContext = { question: o.question };
  let requests = 0;
  const score = async (texts: string[]) => {
    if (o.signal?.aborted) throw new RewardError('cancelled', 'The search was cancelled.');
    requests += texts.length;
    const s = await o.score(texts, o.signal);
    if (s.length !== texts.length) throw new Error(`expected ${texts.length} scores, got ${s.length}`);
    return s;
  };
  const startScore = o.startScore ?? (await score([o.text]))[0]!;
  const start = { text: o.text, score: startScore, rank: rankAmong(startScore, o.others) };
  const steps: HackStep[] = [];
  const used = new Set<string>();
  const seen = new Set<string>([o.text]);
  let current = start;
  let stopped: HackResult['stopped'] = 'exhausted';
  for (;;) {
    const tries: { edit: HackEdit; text: string }[] = [];
    for (const edit of edits) {
      if (used.has(edit.id)) continue;
      const text = edit.apply(current.text, context);
      if (text === null || seen.has(text)) continue;
      tries.push({ edit, text });
    }
    if (tries.length === 0) break;
    const room = budget - requests;
    if (room <= 0) {
      stopped = 'budget';
      break;
    }
    const batch = tries.slice(0, room);
    const scores = await score(batch.map((t) => t.text));
    batch.forEach((t) => seen.add(t.text));
    let best = -1;
    scores.forEach((s, i) => {
      if (Number.isFinite(s) && (best < 0 || s > scores[best]!)) best = i;
    });
    if (best < 0 || !(scores[best]! > current.score)) {
      stopped = batch.length < tries.length ? 'budget' : 'no-gain';
      o.onProgress?.(requests, steps);
      break;
    }
    const pick = batch[best]!;
    const s = scores[best]!;
    used.add(pick.edit.id);
    steps.push({
      edit: pick.edit.id,
      label: pick.edit.label,
      text: pick.text,
      score: s,
      delta: s - current.score,
      total: s - start.score,
      rank: rankAmong(s, o.others),
    });
    current = { text: pick.text, score: s, rank: rankAmong(s, o.others) };
    o.onProgress?.(requests, steps);
  }
  return { start, steps, requests, budget, stopped };
}
