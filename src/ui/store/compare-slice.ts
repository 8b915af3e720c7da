import { DEFAULT_CALL_THRESHOLD } from '../../core/ranking';
import type { StateCreator } from 'zustand';
import type { Conversation, ScoreResult, Turn, Weights } from '../../core/types';
import { EXAMPLES, type Example } from './examples';
import { newId } from './ids';

export const MIN_CANDIDATES = 2;
export const MAX_CANDIDATES = 16;

/** A candidate in the editor; probes remember which candidate they perturb and how. */
export interface CandidateEntry {
  id: string;
  text: string;
  probe?: { of: string; kind: string };
}

/** Where Compare's scoring run stands (not persisted): progress while it runs, the error of the last one. */
export interface ScoringStatus {
  busy: boolean;
  done: number;
  total: number;
  error?: string;
}

/** The score of one candidate, tagged with the input key it was computed for (stale when the key changes). */
export interface CandidateScore {
  key: string;
  result?: ScoreResult;
  error?: string;
}

export interface CompareSlice {
  system: string;
  /** History ending with the user turn the candidates answer. */
  turns: Turn[];
  candidates: CandidateEntry[];
  scores: Record<string, CandidateScore>;
  scoring: ScoringStatus;
  autoScore: boolean;
  /** Scalarization weights per model id (docs/architecture.md, 'Scoring': saved per model). */
  weightsByModel: Record<string, Weights>;
  /** Show activated values (sigmoid / softmax / the model's own) instead of raw rewards. */
  activated: boolean;
  /** σ(Δ) under which two neighbours in the ranking are marked "too close to call" (core/ranking.ts). */
  callThreshold: number;
  setSystem(system: string): void;
  setTurn(index: number, content: string): void;
  addTurnPair(): void;
  removeTurnPair(index: number): void;
  setCandidateText(id: string, text: string): void;
  addCandidate(text?: string): void;
  addCandidates(entries: Omit<CandidateEntry, 'id'>[]): void;
  removeCandidate(id: string): void;
  duplicateCandidate(id: string): void;
  moveCandidate(id: string, delta: -1 | 1): void;
  loadExample(example: Example): void;
  loadComparison(conversation: Conversation, responses: string[]): void;
  setScores(scores: Record<string, CandidateScore>): void;
  setScoring(status: ScoringStatus): void;
  setAutoScore(on: boolean): void;
  setWeights(modelId: string, weights: Weights): void;
  setActivated(on: boolean): void;
  setCallThreshold(threshold: number): void;
}

function fromExample(conversation: Conversation, responses: string[]) {
  return {
    system: conversation.system ?? '',
    turns: conversation.turns.map((t) => ({ ...t })),
    candidates: responses.slice(0, MAX_CANDIDATES).map((text) => ({ id: newId(), text })),
    scores: {},
  };
}

const first = EXAMPLES[0];

export const createCompareSlice: StateCreator<CompareSlice, [], [], CompareSlice> = (set) => ({
  ...(first
    ? fromExample(first.conversation, first.responses)
    : { system: '', turns: [], candidates: [], scores: {} }),
  scoring: { busy: false, done: 0, total: 0 },
  autoScore: true,
  weightsByModel: {},
  activated: false,
  callThreshold: DEFAULT_CALL_THRESHOLD,
  setSystem: (system) => set({ system }),
  setTurn: (index, content) =>
    set((s) => ({ turns: s.turns.map((t, i) => (i === index ? { ...t, content } : t)) })),
  // History grows by an (assistant, user) pair so it always ends with the user turn being answered.
  addTurnPair: () =>
    set((s) => ({
      turns: [...s.turns, { role: 'assistant', content: '' }, { role: 'user', content: '' }],
    })),
  removeTurnPair: (index) =>
    set((s) => {
      if (s.turns.length <= 1) return {};
      // `index` is an assistant turn; it goes together with the user turn after it.
      const next = s.turns.filter((_, i) => i !== index && i !== index + 1);
      return { turns: next };
    }),
  setCandidateText: (id, text) =>
    set((s) => ({ candidates: s.candidates.map((c) => (c.id === id ? { ...c, text } : c)) })),
  addCandidate: (text = '') =>
    set((s) =>
      s.candidates.length >= MAX_CANDIDATES ? {} : { candidates: [...s.candidates, { id: newId(), text }] },
    ),
  addCandidates: (entries) =>
    set((s) => ({
      candidates: [...s.candidates, ...entries.map((e) => ({ ...e, id: newId() }))].slice(0, MAX_CANDIDATES),
    })),
  removeCandidate: (id) =>
    set((s) =>
      s.candidates.length <= MIN_CANDIDATES ? {} : { candidates: s.candidates.filter((c) => c.id !== id) },
    ),
  duplicateCandidate: (id) =>
    set((s) => {
      const i = s.candidates.findIndex((c) => c.id === id);
      const c = s.candidates[i];
      if (!c || s.candidates.length >= MAX_CANDIDATES) return {};
      const copy = { id: newId(), text: c.text };
      return { candidates: [...s.candidates.slice(0, i + 1), copy, ...s.candidates.slice(i + 1)] };
    }),
  moveCandidate: (id, delta) =>
    set((s) => {
      const i = s.candidates.findIndex((c) => c.id === id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= s.candidates.length) return {};
      const next = [...s.candidates];
      const [moved] = next.splice(i, 1);
      if (moved) next.splice(j, 0, moved);
      return { candidates: next };
    }),
  loadExample: (example) => set(fromExample(example.conversation, example.responses)),
  loadComparison: (conversation, responses) => {
    const padded =
      responses.length >= MIN_CANDIDATES ? responses : [...responses, ''].slice(0, MIN_CANDIDATES);
    set(
      fromExample(
        conversation.turns.length
          ? conversation
          : { ...conversation, turns: [{ role: 'user', content: '' }] },
        padded,
      ),
    );
  },
  setScores: (scores) => set((s) => ({ scores: { ...s.scores, ...scores } })),
  setScoring: (scoring) => set({ scoring }),
  setAutoScore: (autoScore) => set({ autoScore }),
  setWeights: (modelId, weights) =>
    set((s) => ({ weightsByModel: { ...s.weightsByModel, [modelId]: weights } })),
  setActivated: (activated) => set({ activated }),
  // Kept inside (50%, 99%]: at 50% every difference would be a call, at 100% none.
  setCallThreshold: (threshold) =>
    set({
      callThreshold: Number.isFinite(threshold)
        ? Math.min(0.99, Math.max(0.51, threshold))
        : DEFAULT_CALL_THRESHOLD,
    }),
});

/** The conversation the candidates answer, as the engine takes it. */
export function conversationOf(s: Pick<CompareSlice, 'system' | 'turns'>): Conversation {
  const system = s.system.trim();
  return system ? { system: s.system, turns: s.turns } : { turns: s.turns };
}
