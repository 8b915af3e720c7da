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
