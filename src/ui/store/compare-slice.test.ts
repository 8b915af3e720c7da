import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createCompareSlice, conversationOf, MAX_CANDIDATES, MIN_CANDIDATES } from './compare-slice';
import { EXAMPLES } from './examples';

const makeStore = () => create(createCompareSlice);

describe('compare slice', () => {
  it('opens with the capital-of-France example', () => {
    const s = makeStore().getState();
    expect(s.turns).toEqual([{ role: 'user', content: 'What is the capital of France?' }]);
    expect(s.candidates.map((c) => c.text)).toContain('Google it pal.');
  });

  it('adds, duplicates, reorders and removes candidates within 2..16', () => {
    const store = makeStore();
    const [a, b] = store.getState().candidates;
    store.getState().duplicateCandidate(a!.id);
    let c = store.getState().candidates;
    expect(c.map((x) => x.text)).toEqual([a!.text, a!.text, b!.text]);
    expect(new Set(c.map((x) => x.id)).size).toBe(3);
    store.getState().moveCandidate(b!.id, -1);
    c = store.getState().candidates;
    expect(c[1]!.id).toBe(b!.id);
    store.getState().moveCandidate(c[0]!.id, -1); // already first: no change
    expect(store.getState().candidates[0]!.id).toBe(c[0]!.id);
    for (let i = 0; i < 20; i++) store.getState().addCandidate(`x${i}`);
    expect(store.getState().candidates).toHaveLength(MAX_CANDIDATES);
    for (const cand of [...store.getState().candidates]) store.getState().removeCandidate(cand.id);
    expect(store.getState().candidates).toHaveLength(MIN_CANDIDATES);
  });

  it('keeps the history ending in a user turn when exchanges are added and removed', () => {
    const store = makeStore();
    store.getState().addTurnPair();
    expect(store.getState().turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user']);
    store.getState().removeTurnPair(1);
    expect(store.getState().turns.map((t) => t.role)).toEqual(['user']);
  });

  it('omits a blank system prompt from the conversation', () => {
    const store = makeStore();
    store.getState().setSystem('   ');
    expect(conversationOf(store.getState())).not.toHaveProperty('system');
    store.getState().setSystem('Be brief.');
    expect(conversationOf(store.getState()).system).toBe('Be brief.');
  });

  it('loads examples and shared comparisons, padding to two candidates', () => {
    const store = makeStore();
    store.getState().loadExample(EXAMPLES[2]!);
    expect(store.getState().turns).toHaveLength(3);
    store.getState().loadComparison({ turns: [{ role: 'user', content: 'q' }] }, ['only one']);
    expect(store.getState().candidates.map((c) => c.text)).toEqual(['only one', '']);
    expect(store.getState().scores).toEqual({});
  });
});
