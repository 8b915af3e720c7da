import { useEffect, useState } from 'react';
import { modelKey } from '../../core/model-key';
import type { Dtype, ModelSpec } from '../../core/types';
import { DtypeSelect } from '../components/DtypeSelect';
import { Field } from '../components/Field';
import { DTYPES, EMBEDDED_MODELS, MAX_LINEUP, preferredDtype } from '../store/model-slice';
import { useStore } from '../store/store';
import { shippedDtypes } from './run-lineup';

/**
 * Adds a model to the Models view's lineup from the view itself: the model panel (and so Compare's model) stays
 * as it is. The model loads when "Score with every model" runs; only the dtypes its files ship are offered.
 */
export function AddModelForm() {
  const lineup = useStore((s) => s.lineup);
  const setLineup = useStore((s) => s.setLineup);
  const servedModels = useStore((s) => s.servedModels);
  const device = useStore((s) => s.settings.device);
  const [name, setName] = useState<string>(EMBEDDED_MODELS[0]);
  const [dtype, setDtype] = useState<Dtype>('q8');
  const [shipped, setShipped] = useState<{ name: string; dtypes: Dtype[] } | null>(null);

  useEffect(() => {
    let live = true;
    shippedDtypes(name)
      .then((dtypes) => {
        if (!live) return;
        setShipped({ name, dtypes });
        setDtype((d) => preferredDtype(dtypes, d) ?? d);
      })
      .catch(() => live && setShipped(null));
    return () => {
      live = false;
    };
  }, [name]);

  const dtypes = shipped?.name === name && shipped.dtypes.length > 0 ? shipped.dtypes : DTYPES;
  const spec: ModelSpec = { kind: 'local', source: { type: 'embedded', name }, dtype, device };
  const key = modelKey(spec);
  const present = lineup.some((m) => m.key === key);
  const full = lineup.length >= MAX_LINEUP;
  const add = () => {
    if (present || full) return;
    setLineup([...lineup, { key, label: `${name} · ${dtype}`, spec, handle: null, info: null }]);
  };

  return (
    <fieldset className="lineup-add">
      <legend>Add a model</legend>
      <div className="row">
        <Field label="Model to add">
          <select value={name} onChange={(e) => setName(e.target.value)}>
            {EMBEDDED_MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
            {servedModels.length > 0 ? (
              <optgroup label="From REWARD_PLAYGROUND_MODELS">
                {servedModels.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </Field>
        <DtypeSelect label="Its dtype" value={dtype} dtypes={dtypes} onChange={setDtype} />
        <button type="button" onClick={add} disabled={present || full}>
          Add to the comparison
        </button>
      </div>
      {present ? <p className="hint">Already in the comparison.</p> : null}
      {full ? <p className="hint">At most {MAX_LINEUP} models side by side.</p> : null}
    </fieldset>
  );
}
