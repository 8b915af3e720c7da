import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { RunStatus, useProbeRun } from '../components/use-probe-run';
import { useStore } from '../store/store';
import { INVARIANCE_TOLERANCE, runBatchInvariance } from './run-batch-invariance';

/** The batch-invariance probe: same candidates alone and inside a padded batch of 16. */
export function BatchInvariance() {
  const loaded = useStore((s) => s.loaded);
  const { busy, error, outcome, run } = useProbeRun(runBatchInvariance);
  const flagged = outcome?.flagged.filter(Boolean).length ?? 0;
  return (
    <section className="panel" aria-labelledby="invariance-heading">
      <h2 id="invariance-heading">Batch invariance</h2>
      <p className="hint">
        Scores the candidates one at a time, then again in one call of 16 inputs with padding, and flags any
        score that moves by more than {INVARIANCE_TOLERANCE}.
      </p>
      <button type="button" onClick={() => void run()} disabled={!loaded || busy !== ''}>
        Check batch invariance
      </button>
      <RunStatus busy={busy} error={error} />
      {outcome ? (
        <>
          <p className={flagged ? 'warn' : 'notice ok'} role="status" data-testid="invariance-verdict">
            {flagged
              ? `${flagged} of ${outcome.names.length} scores change when batched (max |Δ| ${outcome.maxDiff.toExponential(1)}): this model's scores depend on what they are batched with.`
              : `Batch-invariant: no score moved by more than ${INVARIANCE_TOLERANCE} (max |Δ| ${outcome.maxDiff.toExponential(1)}).`}
          </p>
          <table className="data" aria-label="Batch invariance">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Alone</th>
                <th scope="col">In a batch of 16</th>
                <th scope="col">|Δ|</th>
              </tr>
            </thead>
            <tbody>
              {outcome.names.map((n, i) => (
                <tr key={n} className={outcome.flagged[i] ? 'row-error' : ''}>
                  <th scope="row">{n}</th>
                  <td>{fmtScore(outcome.alone[i]!)}</td>
                  <td>{fmtScore(outcome.batched[i]!)}</td>
                  <td>{Math.abs(outcome.alone[i]! - outcome.batched[i]!).toExponential(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <Explain summary="Why it matters for RLHF">
        PPO and best-of-n score rollouts in batches. If a reward depends on which other answers share its
        batch (padding handled wrongly, an attention mask ignored, a kernel that changes with the batch
        shape), the policy is trained on noise it cannot control — and a model can look better or worse
        depending only on batch composition. Weight-only quantized and full-precision models should pass this
        check; a failure points at the export or the runtime, not the model’s judgement.
      </Explain>
    </section>
  );
}
