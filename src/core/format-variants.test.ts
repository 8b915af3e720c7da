import { describe, expect, it } from 'vitest';
import { formatVariant } from './format-variants';

const input = {
  conversation: { system: 'Be brief.', turns: [{ role: 'user' as const, content: 'Capital of France?' }] },
  response: 'Paris.',
};

describe('formatVariant', () => {
  it('presents the same conversation and answer in other ways', () => {
    expect(formatVariant(input, 'as-fed')).toBe(input);
    expect(formatVariant(input, 'no-system')).toEqual({
      conversation: { turns: [{ role: 'user', content: 'Capital of France?' }] },
      response: 'Paris.',
    });
    expect(formatVariant(input, 'no-prompt')).toEqual({
      conversation: { turns: [{ role: 'user', content: '' }] },
      response: 'Paris.',
    });
    expect(formatVariant(input, 'one-text')).toEqual({
      conversation: { turns: [{ role: 'user', content: '' }] },
      response: 'System: Be brief.\nUser: Capital of France?\nAssistant: Paris.',
    });
    // Nothing to remove: no variant.
    expect(
      formatVariant({ ...input, conversation: { turns: input.conversation.turns } }, 'no-system'),
    ).toBeNull();
  });
});
