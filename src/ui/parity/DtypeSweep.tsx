import { Explain } from '../components/Explain';
import { RunStatus, useProbeRun } from '../components/use-probe-run';
import { runDtypeSweep } from './run-dtype-sweep';

/** Every dtype the model ships on the same candidates: how much quantization changes scores and order. */
export function DtypeSweep() {
  const { busy, error, outcome, run } = useProbeRun(runDtypeSweep);
  return (
    <section className="panel" aria-labelledby="sweep-heading">
      <h2 id="sweep-heading">Quantization sweep</h2>
      <p className="hint">
        Scores the candidates with every dtype the model ships and compares each with full precision.
      </p>
      <button type="button" onClick={() => void run()} disabled={busy !== ''}>
        Sweep the dtypes
      </button>
      <RunStatus busy={busy} error={error} />
      {outcome ? (
        <table className="data" aria-label="Quantization sweep">
          <caption>Against {outcome.reference}</caption>
          <thead>
            <tr>
              <th scope="col">dtype</th>
              <th scope="col">Ran on</th>
              <th scope="col">Kendall τ</th>
              <th scope="col">Max |Δscore|</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rows.map((r) => (
              <tr key={r.dtype} className={r.tau < 1 ? 'row-error' : ''}>
                <th scope="row">{r.dtype}</th>
                <td>{r.backend}</td>
                <td>{Number.isNaN(r.tau) ? '—' : r.tau.toFixed(3)}</td>
                <td>{r.maxDiff.toExponential(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Explain summary="Why it matters">
        A quantized reward model is smaller and faster, but if it reorders candidates (τ below 1) it is a
        different judge: best-of-n picks another answer and PPO optimises another signal. A small score
        difference that keeps the order is usually harmless; one that flips close pairs matters exactly where
        the model was least sure.
      </Explain>
    </section>
  );
}
