/**
 * The Parity check's work, apart from its panel: the Compare tab's candidates scored with the current model on
 * two settings (device and dtype), with the user's scoring settings, then rank agreement and score differences.
 */
import { kendallTau, maxAbsDifference } from '../../core/stats';
import type { Device, Dtype, ScoreResult } from '../../core/types';
import { engine } from '../engine-bridge';
import { candidateName } from '../store/candidate-names';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { specFromSettings, type LoadedModel } from '../store/model-slice';
import { useStore } from '../store/store';

export interface ParitySetting {
  device: Device;
  dtype: Dtype;
}

export interface ParitySide {
  model: LoadedModel;
  results: ScoreResult[];
}

export interface ParityOutcome {
  a: ParitySide;
  b: ParitySide;
  names: string[];
  tau: number;
  maxDiff: number;
}

/** Runs both settings one after the other; models other than the main one are unloaded afterwards. */
export async function runParity(
  a: ParitySetting,
  b: ParitySetting,
  onBusy: (message: string) => void = () => {},
): Promise<ParityOutcome> {
  const s = useStore.getState();
  const conversation = conversationOf(s);
  const inputs = s.candidates.map((c) => ({ conversation, response: c.text }));
  const names = s.candidates.map((_, i) => candidateName(s.candidates, i));
  const mainHandle = s.loaded?.handle;
  const sides: ParitySide[] = [];
  try {
    for (const [label, setting] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const spec = specFromSettings({ ...s.settings, ...setting }, s.apiKeys, s.openedFolder);
      if (typeof spec === 'string') throw new Error(spec);
      onBusy(`Loading setting ${label} (${setting.device}, ${setting.dtype})…`);
      const model = await engine().load(spec);
      onBusy(`Scoring ${inputs.length} candidates on setting ${label}…`);
      const results = await engine().score(model.handle, inputs, { ...scoringOf(s, model), truncate: true });
      sides.push({ model, results });
    }
    const [sa, sb] = sides as [ParitySide, ParitySide];
    const xa = sa.results.map((r) => r.score);
    const xb = sb.results.map((r) => r.score);
    return { a: sa, b: sb, names, tau: kendallTau(xa, xb), maxDiff: maxAbsDifference(xa, xb) };
  } finally {
    for (const side of sides) {
      if (side.model.handle !== mainHandle)
        void engine()
          .unload(side.model.handle)
          .catch(() => undefined);
    }
  }
}
