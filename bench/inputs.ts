/** The fixed benchmark workload: one prompt, N candidate responses of mixed length. */
import type { ScoreInput } from '../src/core/types';

const SENTENCES = [
  'Paris is the capital of France.',
  'It has been the seat of government since the tenth century, apart from a few interruptions.',
  'The city sits on the Seine and is home to about two million people.',
  'Many institutions, including the National Assembly and the Élysée Palace, are located there.',
  'Google it pal.',
  'I am not sure, but I think it might be Lyon or Marseille.',
];

const SHORT = [
  'The capital of France is Paris.',
  'Google it pal.',
  'Paris.',
  'It is Paris, on the Seine.',
  'I think it is Lyon.',
  "I'm sorry, but I can't help with that.",
  'Paris is the capital and largest city of France.',
  'France? Paris, obviously.',
];

/** What the compare view scores: one question, short candidate answers (≈ 10–30 tokens each). */
export function shortCandidates(n: number): ScoreInput[] {
  return Array.from({ length: n }, (_, i) => ({
    conversation: { turns: [{ role: 'user' as const, content: 'What is the capital of France?' }] },
    response: SHORT[i % SHORT.length] as string,
  }));
}

/** Mixed lengths (1 to 9 sentences, ≈ 15–200 tokens): where padding and compute dominate. */
export function candidates(n: number): ScoreInput[] {
  return Array.from({ length: n }, (_, i) => ({
    conversation: {
      turns: [{ role: 'user' as const, content: 'What is the capital of France? Explain briefly.' }],
    },
    response: Array.from({ length: 1 + (i % 5) * 2 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(
      ' ',
    ),
  }));
}
