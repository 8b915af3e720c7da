import type { Conversation } from '../../core/types';

/** A preloaded comparison: the context and the candidate responses to rank. */
export interface Example {
  title: string;
  conversation: Conversation;
  responses: string[];
}

// The first example is the one the app opens with: an unmistakable good/bad pair.
export const EXAMPLES: readonly Example[] = [
  {
    title: 'Capital of France',
    conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
    responses: [
      'The capital of France is **Paris**. It is also the largest city in the country and sits on the Seine.',
      'Google it pal.',
    ],
  },
  {
    title: 'Explain recursion (system prompt)',
    conversation: {
      system: 'You are a patient programming tutor. Answer clearly and concisely.',
      turns: [{ role: 'user', content: 'Can you explain recursion with a short example?' }],
    },
    responses: [
      'Recursion is when a function calls itself on a smaller input until it reaches a base case.\n\n```python\ndef factorial(n):\n    return 1 if n <= 1 else n * factorial(n - 1)\n```\n\n`factorial(4)` calls `factorial(3)`, and so on down to `factorial(1)`, which returns 1.',
      'Recursion is recursion. Look it up.',
      'It is a loop, basically. Use a for loop instead, recursion is always slower.',
    ],
  },
  {
    title: 'Multi-turn follow-up',
    conversation: {
      turns: [
        { role: 'user', content: 'I want to start running. Any tips?' },
        {
          role: 'assistant',
          content:
            'Start slowly: alternate walking and jogging three times a week, and wear comfortable shoes.',
        },
        { role: 'user', content: 'How long until I can run 5 km without stopping?' },
      ],
    },
    responses: [
      'Most beginners can run 5 km continuously after 6 to 9 weeks of steady training, for example with a couch-to-5k plan. Increase your running time by about 10% per week and take rest days.',
      'Tomorrow, if you try hard enough.',
      'I cannot give medical advice.',
    ],
  },
];
