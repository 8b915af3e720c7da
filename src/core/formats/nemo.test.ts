import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { formatAttributeLabel, formatLabelNumber, parseNemoRow, writeNemoLabels } from './nemo';

const row = {
  system: 'sys',
  mask: 'User',
  conversations: [
    { from: 'User', value: 'Q1', label: null },
    { from: 'Assistant', value: 'A1', label: 'old' },
    { from: 'User', value: 'Q2' },
    { from: 'Assistant', value: 'A2' },
  ],
};

describe('NeMo conversations', () => {
  it('yields one input per assistant turn with the conversation up to it', () => {
    const parsed = parseNemoRow(row, 1);
    expect(parsed.assistantTurns.map((t) => t.index)).toEqual([1, 3]);
    expect(parsed.assistantTurns[0]!.input).toEqual({
      conversation: { system: 'sys', turns: [{ role: 'user', content: 'Q1' }] },
      response: 'A1',
    });
    expect(parsed.assistantTurns[1]!.input.conversation.turns).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ]);
    // An empty system prompt is no system prompt.
    expect(
      parseNemoRow({ ...row, system: '' }, 1).assistantTurns[0]!.input.conversation.system,
    ).toBeUndefined();
  });

  it('reports bad rows with line and field', () => {
    const bad = (value: unknown, field: string, msg: RegExp) => {
      try {
        parseNemoRow(value, 9);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RewardError);
        expect((e as RewardError).details).toMatchObject({ line: 9, field });
        expect((e as RewardError).message).toMatch(msg);
      }
    };
    bad({ system: '' }, 'conversations', /missing/);
    bad({ conversations: [{ from: 'User', value: 'Q' }] }, 'conversations', /no Assistant turn/);
    bad({ conversations: [{ from: 'Bot', value: 'Q' }] }, 'conversations[0].from', /unknown speaker "Bot"/);
    bad(
      { conversations: [{ from: 'Assistant', value: 'A' }] },
      'conversations[0]',
      /must follow a User turn/,
    );
    bad({ conversations: [{ from: 'User', value: 3 }] }, 'conversations[0].value', /string/);
  });

  it('formats labels compactly', () => {
    expect(formatLabelNumber(3)).toBe('3');
    expect(formatLabelNumber(1.6171875)).toBe('1.6172');
    expect(formatLabelNumber(-0.00001)).toBe('0');
    expect(formatLabelNumber(2.5, 0)).toBe('3');
    expect(formatAttributeLabel({ helpfulness: 3, correctness: 2.25 })).toBe(
      'helpfulness:3,correctness:2.25',
    );
    expect(() => formatLabelNumber(NaN)).toThrow(RewardError);
  });

  it('writes labels on the given assistant turns and keeps everything else', () => {
    const out = writeNemoLabels(row, new Map([[3, { helpfulness: 3.5, verbosity: 1 }]]));
    expect(out).toEqual({
      ...row,
      conversations: [
        row.conversations[0],
        row.conversations[1],
        row.conversations[2],
        { from: 'Assistant', value: 'A2', label: 'helpfulness:3.5,verbosity:1' },
      ],
    });
    expect(row.conversations[3]).not.toHaveProperty('label');
  });
});
