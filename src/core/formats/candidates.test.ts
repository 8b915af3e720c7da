import { describe, expect, it } from 'vitest';
import { parseCandidatesRow } from './candidates';
import { scoreInputsOf } from './rows';

describe('candidates rows', () => {
  it('reads prompt + responses into n inputs', () => {
    const row = parseCandidatesRow({ prompt: 'Q', responses: ['a', 'b', 'c'], subset: 's' }, 1);
    expect(row.subset).toBe('s');
    expect(scoreInputsOf(row)).toEqual(
      ['a', 'b', 'c'].map((response) => ({
        conversation: { turns: [{ role: 'user', content: 'Q' }] },
        response,
      })),
    );
  });

  it('reads messages (with a leading system message) or a system field', () => {
    const row = parseCandidatesRow(
      {
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q' },
        ],
        responses: ['a'],
      },
      1,
    );
    expect(row.conversation).toEqual({ system: 'S', turns: [{ role: 'user', content: 'Q' }] });
    expect(parseCandidatesRow({ prompt: 'Q', system: 'S', responses: ['a'] }, 1).conversation.system).toBe(
      'S',
    );
  });

  it('rejects bad rows with line and field', () => {
    expect(() => parseCandidatesRow({ responses: ['a'] }, 4)).toThrow('Line 4, field "prompt": missing');
    expect(() => parseCandidatesRow({ prompt: 'Q', responses: [] }, 4)).toThrow(/at least one response/);
    expect(() => parseCandidatesRow({ prompt: 'Q', responses: ['a', 2] }, 4)).toThrow(
      'Line 4, field "responses[1]": each response must be a string',
    );
    expect(() => parseCandidatesRow({ prompt: 'Q' }, 4)).toThrow(
      'Line 4, field "responses": missing (required)',
    );
    expect(() =>
      parseCandidatesRow(
        {
          messages: [
            { role: 'user', content: 'Q' },
            { role: 'assistant', content: 'A' },
          ],
          responses: ['a'],
        },
        4,
      ),
    ).toThrow(/must end with a user turn/);
    expect(() => parseCandidatesRow({ prompt: 'Q', messages: [], responses: ['a'] }, 4)).toThrow(/not both/);
  });
});
