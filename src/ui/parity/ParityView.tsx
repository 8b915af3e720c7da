import { useState } from 'react';
import type { Device, Dtype } from '../../core/types';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { RunStatus, useProbeRun } from '../components/use-probe-run';
import { DEVICES, DTYPES } from '../store/model-slice';
import { useStore } from '../store/store';
import { Field } from '../components/Field';
import { BatchInvariance } from './BatchInvariance';
import { DtypeSweep } from './DtypeSweep';
import { FormatAB } from './FormatAB';
import { runParity, type ParityOutcome as Outcome, type ParitySetting as Setting } from './run-parity';

/** Same inputs on two settings (backend and/or dtype): rank agreement and score differences. */
export function ParityView() {
  const settings = useStore((s) => s.settings);
  const count = useStore((s) => s.candidates.length);
  const [a, setA] = useState<Setting>({ device: 'wasm', dtype: 'fp32' });
  const [b, setB] = useState<Setting>({ device: 'wasm', dtype: 'q8' });
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
          <SettingPicker label="Setting A" value={a} onChange={setA} />
          <SettingPicker label="Setting B" value={b} onChange={setB} />
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
        <button type="button" className="primary" disabled={!!busy || remote} onClick={() => void run()}>
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
}: {
  label: string;
  value: Setting;
  onChange(v: Setting): void;
}) {
  return (
    <fieldset className="setting">
      <legend>{label}</legend>
      <Field label="Device">
        <select
          value={value.device}
          onChange={(e) => onChange({ ...value, device: e.target.value as Device })}
        >
          {DEVICES.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
      <Field label="dtype">
        <select value={value.dtype} onChange={(e) => onChange({ ...value, dtype: e.target.value as Dtype })}>
          {DTYPES.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </Field>
    </fieldset>
  );
}
