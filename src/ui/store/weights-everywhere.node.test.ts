/**
 * Issue 11, item 2: the weights the user set apply in every view, not only in Compare's ranking. Each view's
 * own path (runBatch and its export, runParity, the prefix curve) runs against the real engine (Node runtime)
 * with tiny-llama-reward, whose two outputs default to weights {reward: 1, overall: 0}; giving `overall` a
 * weight must change every one of them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';
import { parseDataset, writeScoredJsonl } from '../../core/formats';
import { runBatch } from '../batch/run-batch';
import { engine } from '../engine-bridge';

// The store persists to browser storage: stubbed before the modules that create it are imported.
stubBrowserStorage();
const [{ useStore }, { loadCurrentModel }, { scoringOf }, { conversationOf }, { runParity }] =
  await Promise.all([
    import('./store'),
    import('../model/run-load'),
    import('./scoring'),
    import('./compare-slice'),
    import('../parity/run-parity'),
  ]);

const PAIRS = [
  { prompt: 'What is 2 + 2?', chosen: 'It is 4.', rejected: 'Probably 5.' },
  { prompt: 'Name a colour.', chosen: 'Blue.', rejected: 'A number.' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

async function everyView() {
  const s = useStore.getState();
  const model = s.loaded!;
  const records = parseDataset(PAIRS).records;
  const batch = await runBatch(model.handle, records, { ...scoringOf(s, model), truncate: true }, () => {})
    .promise;
  const first = s.candidates[0]!;
  const curve = await engine().prefixCurve(
    model.handle,
    { conversation: conversationOf(s), response: first.text },
    { ...scoringOf(s, model), maxPoints: 4, truncate: true },
  );
  const parity = await runParity({ device: 'wasm', dtype: 'fp32' }, { device: 'wasm', dtype: 'q8' });
  return {
    batch: batch.scores.flat().map((r) => (r && 'score' in r ? r.score : NaN)),
    exported: writeScoredJsonl(records, batch.scores),
    parity: [...parity.a.results, ...parity.b.results].map((r) => r.score),
    curve: curve.scores,
  };
}

beforeAll(() => {
  useInThreadEngine();
});

describe('the user’s weights', () => {
  it('change Batch, its export, Parity and the prefix curve', async () => {
    const choice = { sourceKind: 'embedded', embeddedName: 'tiny-llama-reward', dtype: 'fp32' } as const;
    useStore.getState().setSettings(choice);
    await loadCurrentModel();
    const { loaded: model } = useStore.getState();
    if (!model) throw new Error(`tiny-llama-reward did not load: ${useStore.getState().load.error}`);
    expect(model.labels).toEqual(['reward', 'overall']);
    expect(model.defaultWeights).toEqual({ reward: 1, overall: 0 });

    const before = await everyView();
    useStore.getState().setWeights(model.id, { reward: 1, overall: 1 });
    const after = await everyView();

    for (const view of ['batch', 'parity', 'curve'] as const) {
      expect(after[view], view).toHaveLength(before[view].length);
      expect(after[view].every(Number.isFinite), view).toBe(true);
      expect(after[view], view).not.toEqual(before[view]);
    }
    expect(after.exported).not.toBe(before.exported);
  });
});
