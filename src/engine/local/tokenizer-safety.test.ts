/**
 * Issue 28 item 6: the catastrophic-backtracking check on tokenizer regexes. Exponential patterns (nested
 * quantifiers, overlapping alternatives under a repeat) are refused with a witness; the patterns real
 * tokenizers ship (GPT-2, Llama 3, o200k, BERT, digits) pass; the walk finds patterns inside sequences.
 */
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import {
  catastrophicBacktracking,
  checkTokenizerRegexes,
  repeatedGroups,
  tokenizerRegexes,
} from './tokenizer-safety';

const re = (source: string) => new RegExp(source, 'gu');

describe('catastrophicBacktracking', () => {
  it.each([
    [String.raw`(\s*\w+)*@`, String.raw`(\s*\w+)*`],
    [String.raw`(a|a)*b`, '(a|a)*'],
    [String.raw`(\w|\d)+$`, String.raw`(\w|\d)+`],
    [String.raw`^(?:x+x+)+y`, '(?:x+x+)+'],
    [String.raw`(?<w>\w+\s?)*$`, String.raw`(?<w>\w+\s?)*`],
    [String.raw`(?:[a-z]+|[a-z0-9]+){2,}!`, '(?:[a-z]+|[a-z0-9]+){2,}'],
  ])('refuses %s (group %s)', (source, group) => {
    const started = performance.now();
    const verdict = catastrophicBacktracking(re(source));
    expect(verdict?.group).toBe(group);
    expect(verdict?.witness.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    // GPT-2 / ByteLevel, Llama 3 (as transformers.js rewrites its (?i:…)), o200k, digits, BERT-like.
    String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
    String.raw`(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    String.raw`[^\d]+|\d+`,
    String.raw`(?:ab|cd)+`,
    String.raw`(?: [a-z]+)*`,
    String.raw`(?:\r\n)+`,
    String.raw`[(]+(a)`,
    String.raw`(\d{1,3})`,
    String.raw` {2,}`,
  ])('passes %s', (source) => {
    expect(catastrophicBacktracking(re(source))).toBeUndefined();
  });

  it.each([
    [String.raw`\s*\s*\s*\s*@`, String.raw`\s*\s*\s*\s*`, 4],
    [String.raw`x[ \t]+\s*\p{Zs}*y`, String.raw`[ \t]+\s*\p{Zs}*`, 3],
    [String.raw`(?:a|\w*\d*\w+)!`, String.raw`\w*\d*\w+`, 3],
    [String.raw`(\s*\s*\s*)`, String.raw`\s*\s*\s*`, 3],
  ])('refuses stacked repeats %s (%s, degree %i)', (source, group, degree) => {
    const verdict = catastrophicBacktracking(re(source));
    expect(verdict).toMatchObject({ kind: 'stacked', group, degree });
  });

  it.each([
    // Quadratic (two repeats), repeats that share no character, or nothing after them that can fail.
    String.raw`\s*[\r\n]+x`,
    String.raw`a*b*c*d`,
    String.raw`\s*\d+\s*\d+\s*x`,
    String.raw`\s*\d*\s*x`,
    String.raw`\s*\s*\s*`,
    String.raw`\s{0,3}\s{0,3}\s{0,3}x`,
  ])('passes %s', (source) => {
    expect(catastrophicBacktracking(re(source))).toBeUndefined();
  });

  it('sees groups past escapes, classes and \\p{…}, and inside lookarounds', () => {
    expect(repeatedGroups(String.raw`\(x\)+[()]+(?=(a+)+)(\p{L}{2})+`).map((g) => g.text)).toEqual([
      '(a+)+',
      String.raw`(\p{L}{2})+`,
    ]);
  });
});

describe('checkTokenizerRegexes', () => {
  const tokenizer = (preTokenizer: unknown, normalizer: unknown = null) =>
    new PreTrainedTokenizer(
      {
        model: { type: 'WordLevel', vocab: { '[UNK]': 0, a: 1 }, unk_token: '[UNK]' },
        normalizer,
        pre_tokenizer: preTokenizer,
        post_processor: null,
        decoder: null,
        added_tokens: [],
      },
      {},
    );

  it('finds a Split pattern inside a Sequence and refuses it, naming the file, place and pattern', () => {
    const t = tokenizer(
      {
        type: 'Sequence',
        pretokenizers: [
          { type: 'Digits', individual_digits: true },
          { type: 'Split', pattern: { Regex: String.raw`(\s*\w+)*@` }, behavior: 'Isolated', invert: false },
        ],
      },
      { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
    );
    expect(tokenizerRegexes(t).map((r) => [r.where, r.pattern])).toEqual(
      expect.arrayContaining([
        ['normalizer (Replace)', ' {2,}'],
        ['pre_tokenizer.pretokenizers[1] (Split)', String.raw`(\s*\w+)*@`],
      ]),
    );
    expect(() => checkTokenizerRegexes(t, 'models/x/tokenizer.json')).toThrow(
      'models/x/tokenizer.json: the pre_tokenizer.pretokenizers[1] (Split) pattern "(\\\\s*\\\\w+)*@" can backtrack catastrophically',
    );
  });

  it('refuses stacked repeats with their degree (polynomial backtracking)', () => {
    const t = tokenizer({
      type: 'Split',
      pattern: { Regex: String.raw`\s*\s*\s*\s*@` },
      behavior: 'Isolated',
      invert: false,
    });
    expect(() => checkTokenizerRegexes(t, 'tokenizer.json')).toThrow(
      /its 4 stacked repeats (\\p\{White_Space\}\*){4} can all match " ", so a run of n of them is shared among them in about n\^4 ways/,
    );
  });

  it('a harmless Split pattern passes', () => {
    const t = tokenizer({
      type: 'Split',
      pattern: { Regex: String.raw`\s+` },
      behavior: 'Removed',
      invert: false,
    });
    expect(tokenizerRegexes(t)).toHaveLength(1);
    expect(() => checkTokenizerRegexes(t, 'tokenizer.json')).not.toThrow();
  });
});
