/**
 * Leave-one-out attribution (forward passes only, so it works for every engine, remote ones included): score the
 * input, score it once more with each unit left out, and credit each unit with the difference. A unit's
 * attribution is exactly `score(full) − score(without it)`: positive when the model liked it, negative when the
 * reward rises without it.
 */
import type { Conversation, ScoreInput } from '../types';
import { segment, type SegmentOptions, type TextUnit, type UnitKind, without } from './units';

/** Where a unit sits: in the response, or on the prompt side (system prompt, an earlier exchange, the question). */
export type UnitPlace =
  | { side: 'response'; unit: TextUnit }
  | { side: 'system' }
  | { side: 'history'; turns: number[] }
  | { side: 'question'; unit: TextUnit };

export interface ExplainUnit {
  /** Short name for tables and screen readers, e.g. 'sentence 2', 'word "Paris"', 'earlier turns 1–2'. */
  label: string;
  /** The text the unit stands for. */
  text: string;
  place: UnitPlace;
}

export interface ExplainPlan {
  input: ScoreInput;
  /** How the response was cut. */
  responseKind: UnitKind;
  /** How the last user turn was cut, when the prompt side is included. */
  questionKind?: UnitKind;
  units: ExplainUnit[];
  /** `variants[i]` is `input` with `units[i]` left out. */
  variants: ScoreInput[];
}

export interface PlanOptions extends SegmentOptions {
  /** Leave out prompt-side units too: the system prompt, each earlier exchange, the question's sentences. */
  promptSide?: boolean;
}

/** Whether the prompt side has more than one thing to leave out (a system prompt or earlier turns). */
export function isMultiPart(conversation: Conversation): boolean {
  return Boolean(conversation.system?.trim()) || conversation.turns.length > 1;
}

/** Earlier turns grouped as user + assistant exchanges, so leaving one out keeps the roles alternating. */
function exchanges(turns: Conversation['turns']): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < turns.length - 1; i++) {
    const next = turns[i + 1];
    if (turns[i]!.role === 'user' && next?.role === 'assistant' && i + 1 < turns.length - 1) {
      groups.push([i, i + 1]);
      i++;
    } else groups.push([i]);
  }
  return groups;
}

/** The units of one input and the inputs that leave each out. */
export function planExplain(input: ScoreInput, options: PlanOptions = {}): ExplainPlan {
  const units: ExplainUnit[] = [];
  const variants: ScoreInput[] = [];
  const { conversation, response } = input;
  const responseSeg = segment(response, options);
  responseSeg.units.forEach((u, i) => {
    units.push({
      label: responseSeg.kind === 'word' ? `word ${i + 1} “${u.text}”` : `sentence ${i + 1}`,
      text: u.text,
      place: { side: 'response', unit: u },
    });
    variants.push({ conversation, response: without(response, u) });
  });
  let questionKind: UnitKind | undefined;
  if (options.promptSide) {
    if (conversation.system?.trim()) {
      units.push({ label: 'system prompt', text: conversation.system, place: { side: 'system' } });
      variants.push({ conversation: { turns: conversation.turns }, response });
    }
    for (const group of exchanges(conversation.turns)) {
      const shown = group.map((t) => `${conversation.turns[t]!.role}: ${conversation.turns[t]!.content}`);
      units.push({
        label:
          group.length === 2
            ? `earlier exchange, turns ${group[0]! + 1}–${group[1]! + 1}`
            : `turn ${group[0]! + 1}`,
        text: shown.join('\n'),
        place: { side: 'history', turns: group },
      });
      const kept = conversation.turns.filter((_, t) => !group.includes(t));
      variants.push({ conversation: { ...conversation, turns: kept }, response });
    }
    const last = conversation.turns.length - 1;
    const question = conversation.turns[last];
    if (question) {
      // Words only for a one-sentence question: which part of a longer one mattered is read by sentence.
      const q = segment(question.content, { ...options, wordsUpToSentences: 1 });
      // A question of one unit cannot be left out: the response would answer nothing.
      if (q.units.length > 1) {
        questionKind = q.kind;
        q.units.forEach((u, i) => {
          units.push({
            label: `question ${q.kind} ${i + 1}${q.kind === 'word' ? ` “${u.text}”` : ''}`,
            text: u.text,
            place: { side: 'question', unit: u },
          });
          const turns = conversation.turns.map((t, k) =>
            k === last ? { ...t, content: without(question.content, u) } : t,
          );
          variants.push({ conversation: { ...conversation, turns }, response });
        });
      }
    }
  }
  return { input, responseKind: responseSeg.kind, questionKind, units, variants };
}

/** How many scores an explanation sends: the full input and one per unit (before the cache). */
export function explainRequestCount(plan: ExplainPlan): number {
  return plan.variants.length + 1;
}

export interface Attribution extends ExplainUnit {
  /** The score with this unit left out. */
  without: number;
  /** `full − without`: what the unit adds to the reward. */
  attribution: number;
}

export interface Explanation {
  plan: ExplainPlan;
  full: number;
  attributions: Attribution[];
}

/** Puts the scores together: `scores[0]` is the full input's, `scores[i + 1]` the i-th variant's. */
export function attributionsOf(plan: ExplainPlan, scores: readonly number[]): Explanation {
  if (scores.length !== plan.variants.length + 1)
    throw new Error(`expected ${plan.variants.length + 1} scores, got ${scores.length}`);
  const full = scores[0]!;
  return {
    plan,
    full,
    attributions: plan.units.map((u, i) => {
      const w = scores[i + 1]!;
      return { ...u, without: w, attribution: full - w };
    }),
  };
}

/** The largest |attribution|, for a symmetric colour scale (0 when there is none). */
export function maxAbsAttribution(attributions: readonly { attribution: number }[]): number {
  return attributions.reduce(
    (m, a) => (Number.isFinite(a.attribution) ? Math.max(m, Math.abs(a.attribution)) : m),
    0,
  );
}
