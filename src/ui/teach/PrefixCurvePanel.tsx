import { useEffect, useRef, useState } from 'react';
import { Line } from 'react-chartjs-2';
import { chartColors, themedAxis } from '../components/chart-setup';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { errorMessage, isCancelled, type Cancellable } from '../engine-bridge';
import { candidateName } from '../store/candidate-names';
import { curveKey } from '../store/scoring';
import { useStore, type ShownCurve } from '../store/store';
import { Field } from '../components/Field';
import { startPrefixCurve } from './run-prefix-curve';

/** The reward of every prefix of one candidate's response, as a line chart. */
export function PrefixCurvePanel() {
  const loaded = useStore((s) => s.loaded);
  const candidates = useStore((s) => s.candidates);
  const [selected, setSelected] = useState('');
  const curve = useStore((s) => s.curve);
  const setCurve = useStore((s) => s.setCurve);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const call = useRef<Cancellable<ShownCurve> | null>(null);
  const id = candidates.some((c) => c.id === selected) ? selected : (candidates[0]?.id ?? '');
  // Outdated once the example, a candidate, the chosen candidate, alpha, the weights or the model changed.
  const currentKey = useStore((s) => curveKey(s, id));
  const outdated = curve !== null && curve.key !== currentKey;

  useEffect(() => () => call.current?.cancel(), []);

  const compute = async () => {
    if (!loaded) return;
    call.current?.cancel();
    const run = startPrefixCurve(loaded, id);
    if (!run) return;
    call.current = run;
    setBusy(true);
    setError('');
    try {
      setCurve(await run.promise);
    } catch (e) {
      if (!isCancelled(e)) setError(errorMessage(e));
    } finally {
      if (call.current === run) {
        call.current = null;
        setBusy(false);
      }
    }
  };

  const c = chartColors();
  return (
    <section className="panel" aria-labelledby="curve-heading">
      <h2 id="curve-heading">Reward along the response</h2>
      <div className="row">
        <Field label="Candidate for the prefix curve">
          <select value={id} onChange={(e) => setSelected(e.target.value)}>
            {candidates.map((cand, i) => (
              <option key={cand.id} value={cand.id}>
                {candidateName(candidates, i)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" disabled={!loaded || busy} onClick={() => void compute()}>
          {busy ? 'Computing…' : 'Compute prefix curve'}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {outdated ? (
        <p className="warn" role="status" data-testid="curve-outdated">
          Outdated: the conversation, the candidates or the model changed since this curve was computed.
          Compute it again to update it.
        </p>
      ) : null}
      {curve ? (
        <div className={outdated ? 'chart-box stale' : 'chart-box'}>
          <Line
            role="img"
            aria-label={`Reward of each prefix of ${curve.name}`}
            data={{
              labels: curve.data.tokenCounts,
              datasets: [
                {
                  label: curve.name,
                  data: curve.data.tokenCounts.map((x, k) => ({ x, y: curve.data.scores[k] ?? NaN })),
                  borderColor: c.accent,
                  backgroundColor: c.accent,
                  pointRadius: 2,
                  tension: 0.15,
                },
              ],
            }}
            options={{
              animation: false,
              maintainAspectRatio: false,
              parsing: false,
              plugins: {
                legend: { display: false },
                tooltip: {
                  callbacks: {
                    title: (items) => {
                      const k = items[0]?.dataIndex ?? 0;
                      return `…${curve.data.labels[k] ?? ''}`;
                    },
                    label: (item) => `score ${fmtScore(item.parsed.y ?? NaN)}`,
                  },
                },
              },
              scales: {
                x: { type: 'linear', ...themedAxis('response tokens', c) },
                y: themedAxis('score', c),
              },
            }}
          />
        </div>
      ) : null}
      {curve ? (
        <p className="hint" data-testid="curve-summary">
          {curve.data.scores.length} prefixes, from {fmtScore(curve.data.scores[0] ?? NaN)} to{' '}
          {fmtScore(curve.data.scores.at(-1) ?? NaN)}.
        </p>
      ) : null}
      <Explain summary="What does the prefix curve show?">
        The model scores the response cut after 1, 2, … tokens. Reward models are trained on whole responses,
        so the curve is a probe, not a per-token credit: a steady climb with length hints at a verbosity bias;
        a jump shows the words the model reacts to.
      </Explain>
    </section>
  );
}
