import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RewardError } from './errors';
import {
  buildChatCompletion,
  formatScoreContent,
  parseNimReply,
  parseScoreString,
  type NamedScore,
} from './nim';

function reply(content: unknown, extra: Record<string, unknown> = {}): unknown {
  return {
    id: 'x',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'length' }],
    ...extra,
  };
}

function replyErrorOf(fn: () => unknown): RewardError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RewardError);
    expect((e as RewardError).code).toBe('reply');
    return e as RewardError;
  }
  throw new Error('expected a RewardError');
}

describe('parseNimReply', () => {
  it('reads the attribute string in order, with usage and model', () => {
    const parsed = parseNimReply(
      reply(
        'helpfulness:1.6171875,correctness:1.6484375,coherence:3.3125,complexity:0.546875,verbosity:0.515625',
        { usage: { prompt_tokens: 27, completion_tokens: 5, total_tokens: 32 } },
      ),
    );
    expect(parsed.scores).toEqual([
      { name: 'helpfulness', value: 1.6171875 },
      { name: 'correctness', value: 1.6484375 },
      { name: 'coherence', value: 3.3125 },
      { name: 'complexity', value: 0.546875 },
      { name: 'verbosity', value: 0.515625 },
    ]);
    expect(parsed.source).toBe('content');
    expect(parsed.usage).toEqual({ promptTokens: 27, completionTokens: 5, totalTokens: 32 });
    expect(parsed.model).toBe('m');
  });

  it('reads a single reward, tolerating whitespace, null created/model and no usage', () => {
    const parsed = parseNimReply(reply('  reward : -3.28 \n', { created: null, model: null }));
    expect(parsed.scores).toEqual([{ name: 'reward', value: -3.28 }]);
    expect(parsed.model).toBeUndefined();
    expect(parsed.usage).toEqual({});
  });

  it('accepts message as a one-element array', () => {
    const body = {
      choices: [{ message: [{ role: 'assistant', content: 'reward:2.5' }] }],
    };
    expect(parseNimReply(body).scores).toEqual([{ name: 'reward', value: 2.5 }]);
  });

  it('reads logprobs.content when the content is missing', () => {
    const body = {
      choices: [
        {
          message: { role: 'assistant', content: null },
          logprobs: {
            content: [
              { token: 'helpfulness', logprob: 3.1, bytes: null, top_logprobs: [] },
              { token: 'verbosity', logprob: -0.5 },
            ],
          },
        },
      ],
    };
    const parsed = parseNimReply(body);
    expect(parsed.source).toBe('logprobs');
    expect(parsed.scores).toEqual([
      { name: 'helpfulness', value: 3.1 },
      { name: 'verbosity', value: -0.5 },
    ]);
  });

  it('falls back to valid logprobs when the content is unreadable, but not to invalid ones', () => {
    const good = { content: [{ token: 'reward', logprob: 1 }] };
    const body = { choices: [{ message: { content: 'garbage' }, logprobs: good }] };
    expect(parseNimReply(body).scores).toEqual([{ name: 'reward', value: 1 }]);
    const bad = {
      choices: [
        {
          message: { content: 'garbage' },
          logprobs: {
            content: [
              { token: 'a', logprob: 1 },
              { token: 'a', logprob: 2 },
            ],
          },
        },
      ],
    };
    expect(replyErrorOf(() => parseNimReply(bad)).message).toContain('"a" appears twice');
  });

  it('names what is wrong and shows an excerpt', () => {
    expect(replyErrorOf(() => parseNimReply(reply('helpfulness:abc'))).message).toMatch(
      /value of "helpfulness" is not a number: "abc".*helpfulness:abc/,
    );
    expect(replyErrorOf(() => parseNimReply(reply('reward:NaN'))).message).toContain('not a number: "NaN"');
    expect(replyErrorOf(() => parseNimReply(reply('reward:1e999'))).message).toContain('not finite');
    expect(replyErrorOf(() => parseNimReply(reply('a:1,a:2'))).message).toContain('"a" appears twice');
    expect(replyErrorOf(() => parseNimReply(reply('reward'))).message).toContain(
      '"reward" is not name:value',
    );
    expect(replyErrorOf(() => parseNimReply(reply(':1'))).message).toContain('is empty');
    expect(replyErrorOf(() => parseNimReply(reply('a:1,'))).message).toContain('is not name:value');
    expect(replyErrorOf(() => parseNimReply(reply(''))).message).toContain('neither message.content');
    expect(replyErrorOf(() => parseNimReply({ object: 'x' })).message).toMatch(
      /choices: .*got: \{"object":"x"\}/,
    );
    expect(replyErrorOf(() => parseNimReply({ choices: [] })).message).toContain('choices');
    expect(replyErrorOf(() => parseNimReply('<html>oops</html>')).message).toContain('<html>oops</html>');
    expect(
      replyErrorOf(() => parseNimReply({ choices: [{ message: [{ content: 'a:1' }, { content: 'b:2' }] }] }))
        .message,
    ).toContain('choices[0].message');
  });

  it('keeps the excerpt short', () => {
    const error = replyErrorOf(() => parseNimReply(reply(`x${'y'.repeat(5000)}`)));
    expect(error.message.length).toBeLessThan(400);
  });

  it('only ever throws RewardError, whatever the body (fuzz)', () => {
    const scoreish = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.oneof(fc.double(), fc.string({ maxLength: 6 })))),
          fc.constantFrom(',', ', ', ' ,', ',,'),
        )
        .map(([pairs, sep]) => pairs.map(([n, v]) => `${n}:${String(v)}`).join(sep)),
    );
    const body = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      scoreish.map((c) => reply(c)),
      fc.record({
        choices: fc.array(
          fc.record(
            {
              message: fc.oneof(
                fc.record({ content: fc.oneof(scoreish, fc.constant(null)) }),
                fc.array(fc.record({ content: scoreish }), { maxLength: 2 }),
                fc.anything(),
              ),
              logprobs: fc.oneof(
                fc.record({
                  content: fc.array(
                    fc.record({
                      token: fc.string({ maxLength: 5 }),
                      logprob: fc.oneof(fc.double(), fc.anything()),
                    }),
                    { maxLength: 4 },
                  ),
                }),
                fc.anything(),
              ),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
        created: fc.oneof(fc.constant(null), fc.integer(), fc.string()),
        model: fc.oneof(fc.constant(null), fc.string()),
      }),
    );
    fc.assert(
      fc.property(body, (b) => {
        try {
          const parsed = parseNimReply(b);
          expect(parsed.scores.length).toBeGreaterThan(0);
          for (const s of parsed.scores) expect(Number.isFinite(s.value)).toBe(true);
        } catch (e) {
          if (!(e instanceof RewardError) || e.code !== 'reply') throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatScoreContent / buildChatCompletion', () => {
  const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,11}$/);
  const scoresArb = fc.uniqueArray(
    fc.record({ name: nameArb, value: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
    { minLength: 1, maxLength: 9, selector: (s) => s.name },
  );

  it('round-trips exactly through the parser (property)', () => {
    fc.assert(
      fc.property(scoresArb, (scores: NamedScore[]) => {
        const parsed = parseScoreString(formatScoreContent(scores));
        expect(parsed.length).toBe(scores.length);
        parsed.forEach((p, i) => {
          expect(p.name).toBe(scores[i]!.name);
          expect(Object.is(p.value, scores[i]!.value)).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses values and names that cannot go on the wire', () => {
    expect(() => formatScoreContent([{ name: 'reward', value: Number.NaN }])).toThrow(/non-finite/);
    expect(() => formatScoreContent([{ name: 'a b', value: 1 }])).toThrow(/cannot be written/);
    expect(() =>
      formatScoreContent([
        { name: 'a', value: 1 },
        { name: 'a', value: 2 },
      ]),
    ).toThrow(/twice/);
    expect(() => formatScoreContent([])).toThrow(RewardError);
  });

  it('builds a chat.completion that the parser reads back from content and from logprobs', () => {
    const scores = [
      { name: 'helpfulness', value: 1.6171875 },
      { name: 'verbosity', value: -0.25 },
    ];
    const completion = buildChatCompletion({
      id: 'cmpl-1',
      model: 'tiny',
      scores,
      promptTokens: 12,
      created: 7,
    });
    expect(completion).toEqual({
      id: 'cmpl-1',
      object: 'chat.completion',
      created: 7,
      model: 'tiny',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'helpfulness:1.6171875,verbosity:-0.25' },
          logprobs: {
            content: [
              { token: 'helpfulness', logprob: 1.6171875, bytes: null, top_logprobs: [] },
              { token: 'verbosity', logprob: -0.25, bytes: null, top_logprobs: [] },
            ],
          },
          finish_reason: 'length',
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
    });
    const json = JSON.parse(JSON.stringify(completion)) as unknown;
    expect(parseNimReply(json).scores).toEqual(scores);
    const viaLogprobs = JSON.parse(JSON.stringify(completion)) as {
      choices: [{ message: { content: unknown } }];
    };
    viaLogprobs.choices[0].message.content = null;
    expect(parseNimReply(viaLogprobs)).toMatchObject({
      scores,
      source: 'logprobs',
      usage: { promptTokens: 12 },
    });
  });
});
