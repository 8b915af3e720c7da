import { describe, expect, it, beforeEach } from 'vitest';
import { parseDataset } from '../../core/formats';
import type { BiasReport } from '../../core/bias';
import { clearBiasHistory, datasetKey, rememberBiasReport } from './bias-history';

const report = (responses: number): BiasReport => ({
  responses,
  prompts: responses,
  severalPerPrompt: false,
  resamples: 10,
  seed: 1,
  effects: [],
});

describe('bias report history', () => {
  beforeEach(clearBiasHistory);

  it('keys a file by its content: the same text parsed twice matches, another text does not', () => {
    const text = '{"prompt":"a","chosen":"b","rejected":"c"}';
    expect(datasetKey(parseDataset(text))).toBe(datasetKey(parseDataset(text)));
    expect(datasetKey(parseDataset(text))).not.toBe(datasetKey(parseDataset(text.replace('"b"', '"x"'))));
  });

  it('shows the previous model’s report for the same file beside the current one, never another file’s', () => {
    expect(rememberBiasReport('f', { model: 'default', report: report(1) })).toHaveLength(1);
    const both = rememberBiasReport('f', { model: 'converted', report: report(2) });
    expect(both.map((e) => e.model)).toEqual(['default', 'converted']);
    // Scoring again with the default model: the converted one is now the other report.
    expect(rememberBiasReport('f', { model: 'default', report: report(3) }).map((e) => e.model)).toEqual([
      'converted',
      'default',
    ]);
    expect(rememberBiasReport('g', { model: 'converted', report: report(4) })).toHaveLength(1);
  });

  it('a model scoring the same file again replaces its own report', () => {
    rememberBiasReport('f', { model: 'default', report: report(1) });
    const again = rememberBiasReport('f', { model: 'default', report: report(5) });
    expect(again).toEqual([{ model: 'default', report: report(5) }]);
  });
});
