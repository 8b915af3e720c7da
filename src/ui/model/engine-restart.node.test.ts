/**
 * Issue 28, item 6, the UI's side: after the worker's watchdog terminated a hung tokenizer, the store forgets the
 * loaded model and the lineup's handles (they named models in the dead worker) and the model panel says why.
 */
import { beforeAll, expect, it } from 'vitest';
import { RewardError } from '../../core/errors';
import { stubBrowserStorage, useInThreadEngine } from '../../../test/support/ui-node';

stubBrowserStorage();

const { useStore } = await import('../store/store');
const { loadCurrentModel } = await import('./run-load');
const { forgetModelsAfterRestart } = await import('./engine-restart');

beforeAll(() => {
  useInThreadEngine();
});

it('clears the loaded model and the lineup handles and tells the user to load again', async () => {
  useStore.getState().setSettings({ sourceKind: 'embedded', embeddedName: 'tiny-bert-reward', dtype: 'q8' });
  await loadCurrentModel();
  const loaded = useStore.getState().loaded;
  expect(loaded?.id).toBe('tiny-bert-reward');
  const spec = useStore.getState().loadedSpec!;
  useStore
    .getState()
    .setLineup([{ key: 'k', label: 'tiny-bert-reward · q8', spec, handle: loaded!.handle, info: loaded }]);

  forgetModelsAfterRestart(
    new RewardError('model', 'The tokenizer of tiny-bert-reward ran for more than 20 s.'),
  );

  const s = useStore.getState();
  expect(s.loaded).toBeNull();
  expect(s.loadedSpec).toBeNull();
  expect(s.lineup.map((m) => m.handle)).toEqual([null]);
  expect(s.load).toEqual({
    status: 'error',
    error:
      'The engine was restarted: The tokenizer of tiny-bert-reward ran for more than 20 s. Load the model again.',
  });
});
