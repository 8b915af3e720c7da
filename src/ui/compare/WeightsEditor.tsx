import { NEMOTRON_340B_PRESET, presetMissing, weightsMissModel } from '../../core/scoring';
import type { Weights } from '../../core/types';
import { Explain } from '../components/Explain';
import { useStore } from '../store/store';

/** The weights in force for the loaded model: the user's, else the model's defaults. */
export function useEffectiveWeights(): Weights | undefined {
  const loaded = useStore((s) => s.loaded);
  const saved = useStore((s) => (s.loaded ? s.weightsByModel[s.loaded.id] : undefined));
  return saved ?? loaded?.defaultWeights;
}

/** Attribute names seen in the results, in the model's label order. */
function useAttributeNames(): string[] {
  const loaded = useStore((s) => s.loaded);
  const scores = useStore((s) => s.scores);
  const names = [...(loaded?.labels ?? [])];
  for (const s of Object.values(scores)) {
    for (const k of Object.keys(s.result?.attributes ?? {})) if (!names.includes(k)) names.push(k);
  }
  return names;
}

/** Editable scalarization weights, with Nemotron-4-340B-Reward's preset. Saved per model. */
export function WeightsEditor() {
  const loaded = useStore((s) => s.loaded);
  const setWeights = useStore((s) => s.setWeights);
  const weights = useEffectiveWeights() ?? {};
  const names = useAttributeNames();
  if (!loaded) return null;
  // Only the model's own outputs are editable: a weight on an attribute it lacks changes nothing.
  const shown = names;
  // Before the first reply a remote model's outputs are unknown: the preset is offered then.
  const missing = names.length > 0 ? presetMissing(NEMOTRON_340B_PRESET, names) : [];
  const allZero = weightsMissModel(weights, names);

  return (
    <fieldset className="weights">
      <legend>Attribute weights (score = Σ weight × attribute)</legend>
      <div className="weights-grid">
        {shown.map((n) => (
          <label key={n} className="field">
            <span>{n}</span>
            <input
              type="number"
              step="0.01"
              aria-label={`Weight of ${n}`}
              value={weights[n] ?? 0}
              onChange={(e) => {
                const v = e.target.valueAsNumber;
                setWeights(loaded.id, { ...weights, [n]: Number.isFinite(v) ? v : 0 });
              }}
            />
          </label>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          disabled={missing.length > 0}
          aria-describedby={missing.length > 0 ? 'preset-missing' : undefined}
          onClick={() => setWeights(loaded.id, { ...NEMOTRON_340B_PRESET.weights })}
        >
          Nemotron-4-340B preset
        </button>
        <button type="button" onClick={() => setWeights(loaded.id, { ...loaded.defaultWeights })}>
          Model defaults
        </button>
      </div>
      {missing.length > 0 ? (
        <p className="hint" id="preset-missing">
          The Nemotron-4-340B preset does not apply: this model does not output {missing.join(', ')}.
        </p>
      ) : null}
      {allZero ? (
        <p className="warn" role="status" data-testid="weights-miss-model">
          No output of this model ({names.join(', ')}) has a non-zero weight, so every score is 0 and the
          ranking means nothing. Use “Model defaults” or give one of them a weight.
        </p>
      ) : null}
      <Explain summary="Where do these weights come from?">
        Multi-attribute reward models (HelpSteer-style) output several scores. Nemotron-4-340B-Reward emits 9
        values and its suggested scalar weighs helpfulness 0.3, correctness 0.74, coherence 0.46, complexity
        0.47 and verbosity −0.33 (the first four outputs are unused). Changing weights re-ranks instantly,
        without re-running the model.
      </Explain>
    </fieldset>
  );
}
