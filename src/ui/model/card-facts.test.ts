import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intendedUse, parseMetrics } from './card-facts';

const read = (p: string) => readFileSync(new URL(`../../../public/models/${p}`, import.meta.url), 'utf8');

describe('card facts', () => {
  it("read the shipped models' own figures and intended use", () => {
    const minilm = parseMetrics(JSON.parse(read('minilm-reward/metrics.json')))!;
    expect(minilm.size).toBe('BertModel (6 layers, hidden 384, 22.7 M parameters)');
    expect(minilm.pairs).toBe(989);
    expect(minilm.accuracy).toBeCloseTo(0.636, 3);
    expect(minilm.longerWins).toBeCloseTo(0.638, 3);
    expect(minilm.chosenShorter).toBeCloseTo(0.609, 3);
    const tiny = parseMetrics(JSON.parse(read('tiny-bert-reward/metrics.json')))!;
    expect(tiny.size).toMatch(/^1\.\d\d M parameters$/);
    expect(tiny.chosenLonger).toBeGreaterThan(tiny.chosenShorter!);
    expect(intendedUse(read('minilm-reward/README.md'))).toMatch(
      /^The playground's default local model: ranking/,
    );
    expect(parseMetrics({ something: 'else' })).toBeNull();
    expect(intendedUse('# no such section')).toBeUndefined();
  });
});
