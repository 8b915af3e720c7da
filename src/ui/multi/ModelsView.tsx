import { useState } from 'react';
import { modelKey } from '../../core/model-key';
import { compareModels } from '../../core/model-comparison';
import { Explain } from '../components/Explain';
import { Markdown } from '../components/Markdown';
import { fmtPct, fmtScore } from '../components/format';
import { candidateName } from '../store/candidate-names';
import { MAX_LINEUP } from '../store/model-slice';
import { useStore } from '../store/store';
import { AddModelForm } from './AddModelForm';
import { removeFromLineup, scoreLineup, type LineupScores } from './run-lineup';

const fmtTau = (t: number | undefined) => (t === undefined || Number.isNaN(t) ? '—' : t.toFixed(2));

/**
 * Models side by side: the Compare view's conversation and candidates scored by 2–4 models. Scores of different
 * models are on different scales, so the table shows each model's rank, within-set z-score and own σ(Δ) against
 * its leader, Kendall τ between every pair, and marks the candidates the models rank differently.
 */
export function ModelsView() {
  const loaded = useStore((s) => s.loaded);
  const loadedSpec = useStore((s) => s.loadedSpec);
  const lineup = useStore((s) => s.lineup);
  const setLineup = useStore((s) => s.setLineup);
  const candidates = useStore((s) => s.candidates);
  const [scores, setScores] = useState<LineupScores | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const loadedKey = loadedSpec ? modelKey(loadedSpec) : null;
  const canAdd =
    loaded &&
    loadedSpec &&
    loadedKey &&
    !lineup.some((m) => m.key === loadedKey) &&
    lineup.length < MAX_LINEUP;

  const add = () => {
    if (!canAdd) return;
    // The key stays with the model panel: the lineup keeps the spec without it.
    const spec = loadedSpec.kind === 'remote' ? { ...loadedSpec, apiKey: undefined } : loadedSpec;
    setLineup([
      ...lineup,
      { key: loadedKey, label: `${loaded.id} · ${loaded.dtype}`, spec, handle: loaded.handle, info: loaded },
    ]);
  };
  const run = async () => {
    setBusy(true);
    try {
      setScores(await scoreLineup(setStatus));
      setStatus('');
    } finally {
      setBusy(false);
    }
  };

  const stale =
    scores !== null &&
    (scores.texts.length !== candidates.length || scores.texts.some((t, i) => t !== candidates[i]?.text));
  const scored = scores ? lineup.filter((m) => Array.isArray(scores.results[m.key])) : [];
  const table =
    scores && !stale && scored.length >= 1
      ? compareModels(scored.map((m) => (scores.results[m.key] as { score: number }[]).map((r) => r.score)))
      : null;

  return (
    <section className="panel" aria-labelledby="models-heading">
      <h2 id="models-heading">Models side by side</h2>
      <p className="hint">
        Add 2–4 models here (the panel’s model, and so Compare’s, stays as it is) or add the model loaded in
        the panel, then score the Compare view’s candidates with all of them. Rewards of different models are
        on different scales: compare ranks, z-scores and each model’s own σ(Δ), not raw numbers.
      </p>
      <ul className="lineup" aria-label="Models in the comparison">
        {lineup.map((m) => (
          <li key={m.key}>
            <span>{m.label}</span>
            {m.handle ? null : <span className="badge">not loaded yet</span>}
            <button type="button" aria-label={`Remove ${m.label}`} onClick={() => removeFromLineup(m.key)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <AddModelForm />
      <div className="row">
        <button type="button" onClick={add} disabled={!canAdd}>
          {loaded ? `Add ${loaded.id} · ${loaded.dtype}` : 'Add the loaded model'}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void run()}
          disabled={busy || lineup.length < 2}
        >
          Score with every model
        </button>
        {lineup.length < 2 ? <span className="hint">Add at least two models.</span> : null}
        {busy ? (
          <span className="hint" role="status">
            {status}
          </span>
        ) : null}
      </div>
      {stale ? (
        <p className="notice" role="status">
          The candidates changed since these scores: score again.
        </p>
      ) : null}
      {scores
        ? lineup
            .filter((m) => scores.results[m.key] && !Array.isArray(scores.results[m.key]))
            .map((m) => (
              <p key={m.key} className="error" role="alert">
                {m.label}: {(scores.results[m.key] as { error: string }).error}
              </p>
            ))
        : null}
      {table && scores ? (
        <>
          <p
            className={table.sameLeader ? 'notice ok' : 'notice'}
            role="status"
            data-testid="leader-agreement"
          >
            {table.sameLeader
              ? `All ${scored.length} models rank the same candidate first.`
              : `The models disagree on the best candidate.`}{' '}
            {table.disagreement.filter(Boolean).length} of {candidates.length} candidates are ranked
            differently.
          </p>
          <div className="table-scroll">
            <table className="data multi" aria-label="Candidates by model">
              <ModelHeader first="Candidate" models={scored} />
              <tbody>
                {candidates.map((c, i) => (
                  <tr
                    key={c.id}
                    className={table.disagreement[i] ? 'disagree' : ''}
                    aria-label={candidateName(candidates, i)}
                  >
                    <th scope="row">
                      {candidateName(candidates, i)}
                      {table.disagreement[i] ? (
                        <span className="badge close-call">ranked differently</span>
                      ) : null}
                      <Markdown text={c.text} className="snippet" />
                    </th>
                    {scored.map((m, k) => {
                      const r = (scores.results[m.key] as { score: number }[])[i]!;
                      return (
                        <td key={m.key}>
                          <strong>#{table.ranks[k]![i]}</strong> · z {table.z[k]![i]!.toFixed(2)} ·{' '}
                          {table.ranks[k]![i] === 1 ? 'leader' : `σ(Δ) ${fmtPct(table.winVsLeader[k]![i]!)}`}
                          <div className="muted">score {fmtScore(r.score)}</div>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {scored.length >= 2 ? (
            <table className="data" aria-label="Kendall tau between models">
              <caption>Kendall τ between models (1: same order, −1: reversed)</caption>
              <ModelHeader first="" models={scored} />
              <tbody>
                {scored.map((a, i) => (
                  <tr key={a.key}>
                    <th scope="row">{a.label}</th>
                    {scored.map((b, j) => (
                      <td key={b.key}>{fmtTau(table.tau[i]![j])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Explain summary="Why not compare the raw scores?">
            A reward is only meaningful next to other rewards of the same model for the same prompt: one
            model’s 2.1 and another’s 0.3 say nothing about each other. The z-score rescales each model’s
            scores for these candidates to mean 0 and spread 1; σ(Δ) is each model’s own Bradley–Terry
            probability that the candidate beats that model’s leader. Kendall τ counts how many pairs of
            candidates two models order the same way. To see which model agrees with people more often, run
            “Check this model” for each in the model panel: the results sit side by side there.
          </Explain>
        </>
      ) : null}
    </section>
  );
}

/** A table head: one column for the row labels, then one per model. */
function ModelHeader({
  first,
  models,
}: {
  first: string;
  models: readonly { key: string; label: string }[];
}) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {models.map((m) => (
          <th scope="col" key={m.key}>
            {m.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
