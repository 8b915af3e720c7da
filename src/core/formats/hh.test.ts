import { describe, expect, it } from 'vitest';
import { RewardError } from '../errors';
import { parseHhRow, splitHhTranscript } from './hh';

describe('HH-RLHF transcripts', () => {
  it('splits on the markers into turns', () => {
    expect(
      splitHhTranscript('\n\nHuman: hi there\n\nAssistant: hello \n\nHuman: Q\n\nAssistant: A', 1, 'chosen'),
    ).toEqual([
      { role: 'user', content: 'hi there' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A' },
    ]);
    expect(splitHhTranscript('Human: Q\n\nAssistant: A', 1, 'chosen')).toHaveLength(2);
  });

  it('keeps the shared turns as the conversation and the final assistant turns as the pair', () => {
    const row = parseHhRow(
      {
        chosen: '\n\nHuman: hi\n\nAssistant: yo\n\nHuman: Q\n\nAssistant: good',
        rejected: '\n\nHuman: hi\n\nAssistant: yo\n\nHuman: Q\n\nAssistant: bad',
      },
      1,
    );
    expect(row).toEqual({
      format: 'hh-rlhf',
      conversation: {
        turns: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'yo' },
          { role: 'user', content: 'Q' },
        ],
      },
      chosen: 'good',
      rejected: 'bad',
    });
  });

  it('rejects transcripts that differ before the last turn, with the line number', () => {
    try {
      parseHhRow({ chosen: '\n\nHuman: a\n\nAssistant: x', rejected: '\n\nHuman: b\n\nAssistant: y' }, 42);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RewardError);
      expect((e as RewardError).details).toMatchObject({ line: 42, field: 'rejected' });
      expect((e as RewardError).message).toMatch(/^Line 42.*differ at turn 1/);
    }
  });

  it('rejects missing markers, leading text and a non-assistant ending', () => {
    expect(() => parseHhRow({ chosen: 'plain text', rejected: 'x' }, 1)).toThrow(/markers/);
    expect(() => parseHhRow({ chosen: 'hey\n\nHuman: a\n\nAssistant: b', rejected: 'x' }, 1)).toThrow(
      /before its first/,
    );
    expect(() => parseHhRow({ chosen: '\n\nHuman: a', rejected: '\n\nHuman: a' }, 1)).toThrow(
      /end with an Assistant turn/,
    );
    expect(() => parseHhRow({ chosen: '\n\nAssistant: a', rejected: '\n\nAssistant: b' }, 1)).toThrow(
      /follow a Human turn/,
    );
    expect(() => parseHhRow({ chosen: '\n\nHuman: a\n\nAssistant: b' }, 3)).toThrow(
      'Line 3, field "rejected": missing (required)',
    );
  });
});
