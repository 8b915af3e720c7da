import { describe, expect, it } from 'vitest';
import { splitSystem, toChatMessages } from './chat';

describe('toChatMessages', () => {
  it('puts system first, keeps the turns, and ends with the scored response', () => {
    const messages = toChatMessages({
      conversation: {
        system: 'Be brief.',
        turns: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: '2+2?' },
        ],
      },
      response: '4',
    });
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: '2+2?' },
      { role: 'assistant', content: '4' },
    ]);
  });

  it('omits an empty system prompt', () => {
    const messages = toChatMessages({
      conversation: { system: '', turns: [{ role: 'user', content: 'q' }] },
      response: 'a',
    });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});

describe('splitSystem', () => {
  const misplaced = (i: number) => new Error(`misplaced at ${i}`);

  it('joins leading system messages as paragraphs and keeps the turns', () => {
    expect(
      splitSystem(
        [
          { role: 'system', content: 'A' },
          { role: 'system', content: 'B' },
          { role: 'user', content: 'q' },
        ],
        misplaced,
      ),
    ).toEqual({ system: 'A\n\nB', turns: [{ role: 'user', content: 'q' }] });
    expect(splitSystem([{ role: 'user', content: 'q' }], misplaced)).toEqual({
      turns: [{ role: 'user', content: 'q' }],
    });
  });

  it('refuses a system message after the first turn, naming its index', () => {
    expect(() =>
      splitSystem(
        [
          { role: 'user', content: 'q' },
          { role: 'system', content: 'S' },
        ],
        misplaced,
      ),
    ).toThrow('misplaced at 1');
  });
});
