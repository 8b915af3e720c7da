/**
 * Issue 10, item 12: the Nemotron-4 weight preset on a model without those attributes set every score to 0
 * while a ranking was still drawn, and the undocumented outputs were called attr_0…attr_3. The preset is
 * now disabled (saying which attributes are missing) and weights that miss every output are flagged.
 * Real engine (Node runtime, embedded model), real component (server-side rendered).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEMOTRON_340B_PRESET, presetMissing } from '../../core/scoring';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore } = await import('../store/store');
const { loadCurrentModel } = await import('../model/run-load');
const { WeightsEditor } = await import('./WeightsEditor');

const html = () => {
  Object.assign(useStore.getInitialState(), useStore.getState());
  return renderToStaticMarkup(createElement(WeightsEditor));
};

beforeAll(() => {
  useInThreadEngine();
});

describe('weight presets', () => {
  it('the Nemotron-4 preset is disabled on a model without its attributes, saying which are missing', async () => {
    await loadCurrentModel();
    const loaded = useStore.getState().loaded!;
    expect(loaded.labels).toEqual(['reward']);
    const out = html();
    expect(out).toMatch(
      /<button type="button" disabled="" aria-describedby="preset-missing">Nemotron-4-340B preset/,
    );
    expect(out).toContain(
      'The Nemotron-4-340B preset does not apply: this model does not output helpfulness, correctness, coherence, complexity, verbosity.',
    );
    expect(out).not.toContain('attr_');
    expect(out).not.toContain('weights-miss-model');
  });

  it('weights that miss every output of the model are flagged (every score would be 0)', () => {
    const loaded = useStore.getState().loaded!;
    useStore.getState().setWeights(loaded.id, { ...NEMOTRON_340B_PRESET.weights });
    expect(html()).toContain('No output of this model (reward) has a non-zero weight, so every score is 0');
  });

  it('names the undocumented Nemotron outputs by position, and the preset applies to HelpSteer models', () => {
    expect(NEMOTRON_340B_PRESET.attributes.slice(0, 4)).toEqual([
      'undocumented_output_1',
      'undocumented_output_2',
      'undocumented_output_3',
      'undocumented_output_4',
    ]);
    expect(
      presetMissing(NEMOTRON_340B_PRESET, [
        'helpfulness',
        'correctness',
        'coherence',
        'complexity',
        'verbosity',
      ]),
    ).toEqual([]);
  });
});
