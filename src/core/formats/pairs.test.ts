import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { parsePairRow } from './pairs';

function formatErr(fn: () => unknown): RewardError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RewardError);
    expect((e as RewardError).code).toBe('format');
    return e as RewardError;
  }
  throw new Error('expected a RewardError');
}

describe('parsePairRow', () => {
  it('reads string pairs with a subset', () => {
    expect(parsePairRow({ prompt: 'Q', chosen: 'A', rejected: 'B', subset: 'math' }, 1)).toEqual({
      format: 'pairs',
      conversation: { turns: [{ role: 'user', content: 'Q' }] },
      chosen: 'A',
      rejected: 'B',
      subset: 'math',
    });
  });

  it('reads the project shape: context is the conversation, source / meta.subset the subset', () => {
    const context = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'Q' },
    ];
    const row = parsePairRow({ prompt: 'Q', chosen: 'A', rejected: 'B', source: 'hh', context }, 7);
    expect(row.conversation.turns).toEqual(context);
    expect(row.subset).toBe('hh');
    const withMeta = parsePairRow(
      { prompt: 'Q', chosen: 'A', rejected: 'B', source: 'judge', meta: { subset: 'koala' } },
      1,
    );
    expect(withMeta.subset).toBe('koala');
    // Provenance fields of other shapes are not errors.
    expect(
      parsePairRow({ prompt: 'Q', chosen: 'A', rejected: 'B', source: 3, meta: 'x' }, 1).subset,
    ).toBeUndefined();
    // A context that does not end with the prompt gets the prompt appended.
    const appended = parsePairRow({ prompt: 'Q2', chosen: 'A', rejected: 'B', context }, 1);
    expect(appended.conversation.turns.at(-1)).toEqual({ role: 'user', content: 'Q2' });
    expect(appended.conversation.turns).toHaveLength(4);
  });

  it('reads message lists: the shared prefix is the conversation, system goes to system', () => {
    const sys = { role: 'system', content: 'Be nice' };
    const u = { role: 'user', content: 'Q' };
    const row = parsePairRow(
      {
        chosen: [sys, u, { role: 'assistant', content: 'good' }],
        rejected: [sys, u, { role: 'assistant', content: 'bad' }],
      },
      2,
    );
    expect(row.conversation).toEqual({ system: 'Be nice', turns: [{ role: 'user', content: 'Q' }] });
    expect([row.chosen, row.rejected]).toEqual(['good', 'bad']);
  });

  it('reads TRL conversational rows: prompt list + one-message chosen/rejected', () => {
    const row = parsePairRow(
      {
        prompt: [{ role: 'user', content: 'Q' }],
        chosen: [{ role: 'assistant', content: 'A' }],
        rejected: [{ role: 'assistant', content: 'B' }],
      },
      1,
    );
    expect(row.conversation.turns).toEqual([{ role: 'user', content: 'Q' }]);
    // The prompt repeated inside the lists is not doubled.
    const row2 = parsePairRow(
      {
        prompt: 'Q',
        chosen: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A' },
        ],
        rejected: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'B' },
        ],
      },
      1,
    );
    expect(row2.conversation.turns).toEqual([{ role: 'user', content: 'Q' }]);
    // ...also when the lists start with a system message.
    const sys = { role: 'system', content: 'S' };
    const row3 = parsePairRow(
      {
        prompt: 'Q',
        chosen: [sys, { role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }],
        rejected: [sys, { role: 'user', content: 'Q' }, { role: 'assistant', content: 'B' }],
      },
      1,
    );
    expect(row3.conversation).toEqual({ system: 'S', turns: [{ role: 'user', content: 'Q' }] });
  });

  it('names line and field in errors', () => {
    let e = formatErr(() => parsePairRow({ prompt: 'Q', chosen: 'A' }, 12));
    expect(e.details).toMatchObject({ line: 12, field: 'rejected' });
    expect(e.message).toBe('Line 12, field "rejected": missing (required)');

    e = formatErr(() => parsePairRow({ chosen: 'A', rejected: 'B' }, 3));
    expect(e.details.field).toBe('prompt');

    e = formatErr(() => parsePairRow({ prompt: 'Q', chosen: 5, rejected: 'B' }, 3));
    expect(e.details.field).toBe('chosen');
    expect(e.message).toMatch(/string or a list/);

    e = formatErr(() =>
      parsePairRow({ prompt: 'Q', chosen: 'A', rejected: [{ role: 'assistant', content: 'B' }] }, 4),
    );
    expect(e.message).toMatch(/both be strings or both be message lists/);

    e = formatErr(() =>
      parsePairRow(
        {
          chosen: [
            { role: 'user', content: 'Q' },
            { role: 'assistant', content: 'A' },
          ],
          rejected: [
            { role: 'user', content: 'other' },
            { role: 'assistant', content: 'B' },
          ],
        },
        5,
      ),
    );
    expect(e.message).toMatch(/share every message except one final assistant message/);

    e = formatErr(() =>
      parsePairRow({ prompt: 'Q', chosen: [{ role: 'bot', content: 'A' }], rejected: [] }, 6),
    );
    expect(e.details).toMatchObject({ line: 6, field: 'chosen[0].role' });
    expect(e.message).toBe('Line 6, field "chosen[0].role": role must be "system", "user" or "assistant"');

    e = formatErr(() =>
      parsePairRow(
        { chosen: [{ role: 'assistant', content: 'A' }], rejected: [{ role: 'assistant', content: 'B' }] },
        8,
      ),
    );
    expect(e.message).toMatch(/no user turn/);

    e = formatErr(() => parsePairRow('just a string', 9));
    expect(e.message).toMatch(/^Line 9/);
  });
});
