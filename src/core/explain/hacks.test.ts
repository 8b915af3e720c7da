import { describe, expect, it } from 'vitest';
import { asBullets, deleteHedges, HACK_EDITS } from './hacks';

const context = { question: 'What is the capital of France?' };
const edit = (id: string) => HACK_EDITS.find((e) => e.id === id)!;

describe('content-free edits', () => {
  it('keep the answer’s words and add none of substance', () => {
    const t = 'The capital of France is Paris. It is on the Seine.';
    for (const e of HACK_EDITS) {
      const out = e.apply(t, context);
      if (out === null) continue;
      // Every edit but hedge deletion keeps the whole answer text, in order, sentence by sentence.
      for (const s of ['The capital of France is Paris.', 'It is on the Seine.']) expect(out).toContain(s);
    }
    expect(edit('restate').apply(t, context)).toBe(`You asked: “${context.question}” ${t}`);
    expect(edit('restate').apply(t, { question: '  ' })).toBeNull();
    expect(edit('header').apply(t, context)).toBe(`## Answer\n\n${t}`);
    expect(edit('header').apply('# Hi\n\nthere', context)).toBeNull();
    expect(edit('repeat').apply(t, context)).toBe(`${t}\n\nTo summarize: The capital of France is Paris.`);
  });

  it('formats sentences as bullets, leaving headings, and refuses one sentence or an existing list', () => {
    expect(asBullets('## Answer\n\nOne. Two.')).toBe('## Answer\n\n- One.\n- Two.');
    expect(asBullets('Only one.')).toBeNull();
    expect(asBullets('- a\n- b')).toBeNull();
  });

  it('deletes hedges and capitalises what starts a sentence; null when there are none', () => {
    expect(deleteHedges('I think it is probably Paris. Maybe Lyon, perhaps.')).toBe('It is Paris. Lyon, .');
    expect(deleteHedges('It is, I believe, Paris.')).toBe('It is, Paris.');
    expect(deleteHedges('Paris is the capital.')).toBeNull();
    // Whole words only.
    expect(deleteHedges('Maybelline is a brand.')).toBeNull();
  });
});
