import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { RunStatus, useProbeRun } from '../components/use-probe-run';
import { useStore } from '../store/store';
import { runFormatAB } from './run-format-ab';

/** The input-format A/B probe: the same candidates presented to the model in other ways. */
export function FormatAB() {
  const loaded = useStore((s) => s.loaded);
  const { busy, error, outcome, run } = useProbeRun(runFormatAB);
  return (
    <section className="panel" aria-labelledby="format-heading">
      <h2 id="format-heading">Input-format A/B</h2>
      <p className="hint">
        Scores the candidates as the model is fed, without the system prompt, as the response alone, and as
        one raw transcript, and shows how each change moves the scores and the order.
      </p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={!loaded || busy !== '' || loaded.family === 'remote'}
      >
        Compare input formats
      </button>
      {loaded?.family === 'remote' ? (
        <span className="hint"> Local models only: a remote engine formats on its side.</span>
      ) : null}
      <RunStatus busy={busy} error={error} />
      {outcome ? (
        <div className="table-scroll">
          <table className="data" aria-label="Input-format A/B">
            <thead>
              <tr>
                <th scope="col">Presentation</th>
                <th scope="col">Kendall τ vs as fed</th>
                {outcome.names.map((n) => (
                  <th scope="col" key={n}>
                    {n}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {outcome.rows.map((r) => (
                <tr key={r.variant} className={r.tau < 1 ? 'row-error' : ''}>
                  <th scope="row">{r.label}</th>
                  <td>{Number.isNaN(r.tau) ? '—' : r.tau.toFixed(2)}</td>
                  {r.scores.map((x, i) => (
                    <td key={i}>
                      {fmtScore(x)}
                      {r.variant !== 'as-fed' ? (
                        <span className="muted">
                          {' '}
                          ({r.deltas[i]! >= 0 ? '+' : ''}
                          {fmtScore(r.deltas[i]!)})
                        </span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Explain summary="Why it matters for RLHF">
        During RLHF the reward model sees exactly what the trainer renders. If removing the system prompt or
        the question barely moves the score, the model judges the answer alone — and rewards confident,
        well-formatted text whether or not it answers the question. If the order changes (τ below 1) with
        presentation, a different chat template or a stray formatting choice in the trainer changes which
        answers get reinforced.
      </Explain>
    </section>
  );
}
