import { useMemo, useState } from 'react';
import type { Device, Dtype } from '../../core/types';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { RunStatus, useProbeRun } from '../components/use-probe-run';
import { useWebGpuProbe } from '../components/use-webgpu-probe';
import { DTYPES, localSourceKey } from '../store/model-slice';
import { useStore } from '../store/store';
import { Field } from '../components/Field';
import { BatchInvariance } from './BatchInvariance';
import { DtypeSweep } from './DtypeSweep';
import { FormatAB } from './FormatAB';
import { isOffered, parityChoices } from './parity-choices';
import { runParity, type ParityOutcome as Outcome, type ParitySetting as Setting } from './run-parity';

/** Same inputs on two settings (backend and/or dtype): rank agreement and score differences. */
export function ParityView() {
  const settings = useStore((s) => s.settings);
  const count = useStore((s) => s.candidates.length);
  const openedFolder = useStore((s) => s.openedFolder);
  const dtypeOptions = useStore((s) => s.dtypeOptions);
  const sourceKey = localSourceKey(settings, openedFolder);
  const gpu = useWebGpuProbe();
  // Only the dtypes the model ships (every dtype until its files are checked) and the devices this browser has.
  const shipped = dtypeOptions && dtypeOptions.key === sourceKey ? dtypeOptions.dtypes : DTYPES;
  const choices = useMemo(() => parityChoices(shipped, gpu?.available === true), [shipped, gpu]);
  // The user's picks while the model (and browser) can run them, else the pair that runs.
  const [pickedA, setA] = useState<Setting | null>(null);
  const [pickedB, setB] = useState<Setting | null>(null);
  const a = pickedA && isOffered(choices, pickedA) ? pickedA : choices.a;
  const b = pickedB && isOffered(choices, pickedB) ? pickedB : choices.b;
  const [tolerance, setTolerance] = useState(0.05);
  const { busy, error, outcome, run } = useProbeRun<Outcome>((onBusy) => runParity(a, b, onBusy));
  const remote = settings.sourceKind === 'remote';

  const nan = outcome
    ? [...outcome.a.results, ...outcome.b.results].some((r) => !Number.isFinite(r.score))
    : false;
  const disagree = outcome ? nan || outcome.tau < 1 || !(outcome.maxDiff <= tolerance) : false;
  const sameRun =
    outcome &&
    outcome.a.model.backend === outcome.b.model.backend &&
    outcome.a.model.dtype === outcome.b.model.dtype;

  return (
    <>
      <section className="panel" aria-labelledby="parity-heading">
        <h2 id="parity-heading">Parity check</h2>
        <p className="hint">
          Scores the {count} candidates of the Compare tab with the current model on two settings and compares
          them.
        </p>
        {remote ? (
          <p className="warn">Parity compares local settings; choose a local model in the Model panel.</p>
        ) : null}
        <div className="parity-settings">
          <SettingPicker
            label="Setting A"
            value={a}
            onChange={setA}
            devices={choices.devices}
            dtypes={choices.dtypes}
          />
          <SettingPicker
            label="Setting B"
            value={b}
            onChange={setB}
            devices={choices.devices}
            dtypes={choices.dtypes}
          />
          <Field label="Tolerance (max |Δscore|)">
            <input
              type="number"
              step="0.01"
              min="0"
              value={tolerance}
              onChange={(e) =>
                setTolerance(Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : 0)
              }
            />
          </Field>
        </div>
        {choices.single && !remote ? (
          <p className="notice" role="status" data-testid="parity-single">
            Only one setting can run this model here: wasm · {choices.a.dtype}. It ships only{' '}
            {choices.a.dtype} weights and this browser has no WebGPU adapter, so A and B would be the same
            run. Load a model that ships several dtypes (tiny-bert-reward has fp32 and q8) or use a browser
            with WebGPU to compare two settings.
          </p>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={!!busy || remote || choices.single}
          onClick={() => void run()}
        >
          Run parity check
        </button>
        <RunStatus busy={busy} error={error} />
        {outcome ? (
          <div className="parity-results">
            <dl className="facts inline">
              <div>
                <dt>Kendall τ</dt>
                <dd>{Number.isNaN(outcome.tau) ? '—' : outcome.tau.toFixed(3)}</dd>
              </div>
              <div>
                <dt>Max |Δscore|</dt>
                <dd>{fmtScore(outcome.maxDiff)}</dd>
              </div>
              <div>
                <dt>A ran on</dt>
                <dd>
                  {outcome.a.model.backend} · {outcome.a.model.dtype}
                </dd>
              </div>
              <div>
                <dt>B ran on</dt>
                <dd>
                  {outcome.b.model.backend} · {outcome.b.model.dtype}
                </dd>
              </div>
            </dl>
            {[outcome.a, outcome.b].map((side, i) =>
              side.model.fallbackReason ? (
                <p key={i} className="warn">
                  Setting {i === 0 ? 'A' : 'B'} fell back to {side.model.backend}: {side.model.fallbackReason}
                </p>
              ) : null,
            )}
            {sameRun ? (
              <p className="warn">
                Both settings ran on the same backend and dtype, so this compares a run with itself.
              </p>
            ) : null}
            {disagree ? (
              <p className="warn" role="alert">
                The settings disagree:{' '}
                {[
                  nan ? 'some scores are NaN or infinite' : '',
                  outcome.tau < 1 ? `the ranking differs (τ = ${outcome.tau.toFixed(3)})` : '',
                  outcome.maxDiff > tolerance
                    ? `scores differ by up to ${fmtScore(outcome.maxDiff)} (tolerance ${tolerance})`
                    : '',
                ]
                  .filter(Boolean)
                  .join('; ')}
                .
              </p>
            ) : (
              <p className="ok" role="status">
                The settings agree: same ranking, scores within {tolerance}.
              </p>
            )}
            <table className="data">
              <caption>Scores per candidate</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                  <th scope="col">B − A</th>
                </tr>
              </thead>
              <tbody>
                {outcome.names.map((n, i) => {
                  const sa = outcome.a.results[i]?.score ?? NaN;
                  const sb = outcome.b.results[i]?.score ?? NaN;
                  return (
                    <tr key={n}>
                      <th scope="row">{n}</th>
                      <td>{fmtScore(sa)}</td>
                      <td>{fmtScore(sb)}</td>
                      <td>{fmtScore(sb - sa)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        <Explain summary="Why check parity?">
          Quantized weights (q8, q4) and GPU kernels (WebGPU, fp16) can shift scores, and fp16 can overflow to
          NaN. What matters for a reward model is the ranking: Kendall τ = 1 means both settings order the
          candidates identically; the max score difference shows how far individual scores moved.
        </Explain>
      </section>
      <FormatAB />
      <DtypeSweep />
      <BatchInvariance />
    </>
  );
}

function SettingPicker({
  label,
  value,
  onChange,
  devices,
  dtypes,
}: {
  label: string;
  value: Setting;
  onChange(v: Setting): void;
  devices: readonly Device[];
  dtypes: readonly Dtype[];
}) {
  return (
    <fieldset className="setting">
      <legend>{label}</legend>
      <Field label="Device">
        <select
          value={value.device}
          onChange={(e) => onChange({ ...value, device: e.target.value as Device })}
        >
          {devices.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
      <Field label="dtype">
        <select value={value.dtype} onChange={(e) => onChange({ ...value, dtype: e.target.value as Dtype })}>
          {dtypes.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}
