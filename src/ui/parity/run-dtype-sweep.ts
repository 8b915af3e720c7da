/**
 * Quantization sweep: the Compare tab's candidates scored with every dtype the current local model ships
 * (fp32, fp16, q8, q4, …), each against fp32 (or the first dtype when there is no fp32): Kendall τ and the
 * largest score difference. Models other than the main one are unloaded afterwards.
 */
import { kendallTau, maxAbsDifference } from '../../core/stats';
import type { Dtype } from '../../core/types';
import { engine } from '../engine-bridge';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { specFromSettings } from '../store/model-slice';
import { useStore } from '../store/store';

export interface SweepRow {
  dtype: Dtype;
  backend: string;
  scores: number[];
  tau: number;
  maxDiff: number;
}

export async function runDtypeSweep(
  onBusy: (m: string) => void = () => {},
): Promise<{ reference: Dtype; rows: SweepRow[] }> {
  const s = useStore.getState();
  const base = specFromSettings(s.settings, s.apiKeys, s.openedFolder);
  if (typeof base === 'string') throw new Error(base);
  if (base.kind !== 'local')
    throw new Error('The sweep compares the dtypes of a local model; choose one in the Model panel.');
  onBusy('Reading which dtypes the model ships…');
  const dtypes = await engine().availableDtypes(base.source);
  if (dtypes.length < 2)
    throw new Error(`This model ships only ${dtypes.join(', ') || 'no ONNX file'}: nothing to sweep.`);
  const conversation = conversationOf(s);
  const inputs = s.candidates.map((c) => ({ conversation, response: c.text }));
  const mainHandle = s.loaded?.handle;
  const handles: string[] = [];
  const out: { dtype: Dtype; backend: string; scores: number[] }[] = [];
  try {
    for (const dtype of dtypes) {
      onBusy(`Loading and scoring ${dtype}…`);
      const model = await engine().load({ ...base, dtype });
      handles.push(model.handle);
      const results = await engine().score(model.handle, inputs, scoringOf(s, model));
      out.push({ dtype, backend: model.backend, scores: results.map((r) => r.score) });
    }
  } finally {
    for (const h of handles)
      if (h !== mainHandle)
        void engine()
          .unload(h)
          .catch(() => undefined);
  }
  const ref = out.find((r) => r.dtype === 'fp32') ?? out[0]!;
  return {
    reference: ref.dtype,
    rows: out.map((r) => ({
      ...r,
      tau: kendallTau(ref.scores, r.scores),
      maxDiff: maxAbsDifference(ref.scores, r.scores),
    })),
  };
}
