import { describe, expect, it } from 'vitest';
import {
  characterCount,
  contentWords,
  hasApology,
  hasBold,
  hasBulletList,
  hasCodeBlock,
  hasHeader,
  hasHedge,
  hasRefusal,
  restateOverlap,
} from './features';

describe('bias features', () => {
  it('counts characters as code points', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('a😀b')).toBe(3);
    expect(characterCount('')).toBe(0);
  });

  it('finds a bullet list of two or more items, dashed, starred or numbered', () => {
    expect(hasBulletList('Steps:\n- one\n- two')).toBe(true);
    expect(hasBulletList('* a\n* b')).toBe(true);
    expect(hasBulletList('1. first\n2) second')).toBe(true);
    expect(hasBulletList('• a\n• b')).toBe(true);
    expect(hasBulletList('- just one item')).toBe(false);
    expect(hasBulletList('A sentence - with a dash - inside.\nAnother - one.')).toBe(false);
    expect(hasBulletList('-5 degrees\n-3 degrees')).toBe(false);
  });

  it('finds ATX and === setext headers, not hashtags or horizontal rules', () => {
    expect(hasHeader('# Title\ntext')).toBe(true);
    expect(hasHeader('intro\n### Part two')).toBe(true);
    expect(hasHeader('Title\n=====\nbody')).toBe(true);
    expect(hasHeader('#hashtag is not a header')).toBe(false);
    expect(hasHeader('####### seven is too many')).toBe(false);
    expect(hasHeader('text\n---\nmore')).toBe(false);
  });

  it('finds fenced code blocks, not inline code', () => {
    expect(hasCodeBlock('Run:\n```bash\nls\n```')).toBe(true);
    expect(hasCodeBlock('~~~\ncode\n~~~')).toBe(true);
    expect(hasCodeBlock('Use `ls` to list.')).toBe(false);
  });

  it('finds bold with ** or __, not a lone asterisk or spaced stars', () => {
    expect(hasBold('This is **important**.')).toBe(true);
    expect(hasBold('This is __important__.')).toBe(true);
    expect(hasBold('2 * 3 * 4')).toBe(false);
    expect(hasBold('** not bold **')).toBe(false);
    expect(hasBold('snake_case_name')).toBe(false);
  });

  it('finds refusal phrases with straight or curly apostrophes', () => {
    expect(hasRefusal("I can't help with that.")).toBe(true);
    expect(hasRefusal('I can’t assist with this request.')).toBe(true);
    expect(hasRefusal("I'm unable to do that.")).toBe(true);
    expect(hasRefusal('As an AI, I have no opinions.')).toBe(true);
    expect(hasRefusal('I cannot provide medical advice.')).toBe(true);
    expect(hasRefusal("I can't believe how easy this is: add 2 and 2.")).toBe(false);
    expect(hasRefusal('The capital of France is Paris.')).toBe(false);
  });

  it('finds apologies', () => {
    expect(hasApology('Sorry, I misread.')).toBe(true);
    expect(hasApology('I apologize for the confusion.')).toBe(true);
    expect(hasApology('My apologies.')).toBe(true);
    expect(hasApology('A sorrowful tale.')).toBe(false);
  });

  it('finds first-person hedges, not the same words in other roles', () => {
    expect(hasHedge('I think it is Paris.')).toBe(true);
    expect(hasHedge("I'm not sure, but maybe.")).toBe(true);
    expect(hasHedge('I’m not certain.')).toBe(true);
    expect(hasHedge('I believe so.')).toBe(true);
    expect(hasHedge('In my opinion, yes.')).toBe(true);
    expect(hasHedge('They think it is Paris.')).toBe(false);
    expect(hasHedge('It is Paris.')).toBe(false);
  });

  it('measures how much the first sentence restates the prompt', () => {
    const prompt = 'What is the capital of France?';
    expect(restateOverlap(prompt, 'The capital of France is Paris. It is large.')).toBeCloseTo(2 / 3);
    expect(restateOverlap(prompt, 'You asked about the capital city of France. It is Paris.')).toBeCloseTo(
      2 / 4,
    );
    expect(restateOverlap(prompt, 'Paris. The capital of France is Paris.')).toBe(0);
    expect(restateOverlap(prompt, '')).toBe(0);
    expect(contentWords('What is the Capital of France?')).toEqual(['capital', 'france']);
  });
});
