import { memo, useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import { activationFor } from '../../core/activation';
import type { RenderedInput } from '../../engine/contract';
import { Explain } from '../components/Explain';
import { fmtPct, fmtScore } from '../components/format';
import { Markdown } from '../components/Markdown';
import { WinBar } from '../components/WinBar';
import { errorMessage } from '../engine-bridge';
import { useScoreKey } from '../store/scoring';
import { useStore } from '../store/store';
import { CandidateAnalyses } from './CandidateAnalyses';
import { SeparatePanel } from './SeparatePanel';
import { candidateName } from '../store/candidate-names';
import { renderCandidate } from './run-compare';
import {
  isEmptyAnswer,
  rankCandidates,
  rowCalls,
  shownValues,
  unrankedCandidates,
  winMatrix,
  type RankedRow,
  type RowCall,
  type UnrankedRow,
} from './ranking-model';
import { WeightsEditor, useEffectiveWeights } from './WeightsEditor';

/** The ranked results: bars, gaps, win probabilities, attributes, token counts and the exact model input. */
export function Results() {
  const candidates = useStore((s) => s.candidates);
  // New scores render in the background (deferred, time-sliced by React), so showing 16 results at once never
  // blocks typing or the main thread for long.
  const scores = useDeferredValue(useStore((s) => s.scores));
  const keyOf = useScoreKey();
  const weights = useEffectiveWeights();
  const ranked = useMemo(
    () => rankCandidates(candidates, scores, keyOf, weights),
    [candidates, scores, keyOf, weights],
  );
  const unranked = useMemo(() => unrankedCandidates(candidates, scores), [candidates, scores]);
  const autoScore = useStore((s) => s.autoScore);
  const activated = useStore((s) => s.activated);
  const setActivated = useStore((s) => s.setActivated);
  const namedActivation = useStore((s) => s.loaded?.activation);
  const outputs = Math.max(1, Object.keys(ranked[0]?.result.attributes ?? {}).length);
  const activation = activationFor(outputs, namedActivation);
  const callThreshold = useStore((s) => s.callThreshold);
  const setCallThreshold = useStore((s) => s.setCallThreshold);
  const shown = useMemo(
    () => ranked.map((r) => shownValues(r, weights, activated ? activation : null)),
    [ranked, weights, activated, activation],
  );
  const errors = candidates
    .map((c, i) => ({ name: candidateName(candidates, i), error: scores[c.id]?.error, text: c.text }))
    .filter((e) => e.error && !isEmptyAnswer(e.text));
  candidates.forEach((c, i) => {
    const r = scores[c.id]?.result;
    if (r && !Number.isFinite(r.score) && !isEmptyAnswer(c.text)) {
      errors.push({
        name: candidateName(candidates, i),
        error: `the model returned ${r.score} (numeric overflow?) — try fp32 or WASM.`,
        text: c.text,
      });
    }
  });

  if (ranked.length === 0 && errors.length === 0 && unranked.length === 0) {
    return (
      <section className="panel" aria-labelledby="results-heading">
        <h2 id="results-heading">Ranking</h2>
        <p className="hint">Load a model and score the candidates to see them ranked.</p>
      </section>
    );
  }
  const calls = rowCalls(
    ranked,
    callThreshold,
    shown.map((v) => fmtScore(v.score)),
  );
  const closeCount = calls.filter((c) => c.tooClose).length;
  const hasAttributes = ranked.some(
    (r) => r.result.attributes && Object.keys(r.result.attributes).length > 1,
  );

  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">Ranking</h2>
      <p className="hint">
        Scores compare only within this prompt: read the gaps and σ(Δ), not the absolute values.
      </p>
      <label className="check">
        <input type="checkbox" checked={activated} onChange={(e) => setActivated(e.target.checked)} />
        Show activated values ({activation})
      </label>
      <Explain summary="How to read these numbers">
        Reward scores compare only <em>within one prompt</em>: a 2.1 here means nothing next to a 2.1 for
        another question. Read the gaps. The bars show σ(Δ) against the leader, filled to that probability on
        a 0–100% track with a mark at 50% (the leader’s own value, a coin flip), so two candidates the model
        cannot tell apart get bars of nearly the same length. A row whose σ(Δ) with a <em>neighbour</em> (the
        row above or below) is under the threshold you set is marked “too close to call with #n”, naming that
        neighbour: that mark is about the two neighbours, not about the leader. σ(Δ) is the Bradley–Terry win
        probability: a reward model is trained so that P(a preferred over b) = σ(r_a − r_b) = 1 / (1 + e^−(r_a
        − r_b)). A gap of 0 gives 50%, a gap of 2 about 88%. Scores are raw rewards; “Show activated values”
        passes them through the model’s activation (the one its config names, else a sigmoid for one output
        and a softmax over several), as TEI and vLLM do by default. Rank, gaps and σ(Δ) always use the raw
        rewards.
      </Explain>
      <label
        className="check"
        title="Two neighbours in the ranking whose win probability σ(Δ) is under this line are marked too close to call"
      >
        Too close to call when σ(Δ) is under
        <input
          type="number"
          min={51}
          max={99}
          step={1}
          aria-label="Too close to call threshold (%)"
          value={Math.round(callThreshold * 100)}
          onChange={(e) => setCallThreshold(e.target.valueAsNumber / 100)}
          style={{ width: '4.5em' }}
        />
        %
      </label>
      {closeCount > 0 ? (
        <p className="notice" role="status" data-testid="close-calls">
          {closeCount === ranked.length
            ? `The model cannot tell these ${ranked.length} candidates apart: every neighbour is under ${fmtPct(callThreshold)}. The order shown is not a real preference.`
            : `${closeCount} of ${ranked.length} candidates are too close to call with a neighbour (σ(Δ) under ${fmtPct(callThreshold)}): their order is a coin flip for this model.`}
        </p>
      ) : null}
      {[...new Set(ranked.flatMap((r) => r.result.warnings ?? []))].map((w) => (
        <p key={w} className="notice" role="status">
          {w}
        </p>
      ))}
      {errors.map((e) => (
        <p key={e.name} className="error" role="alert">
          {e.name}: {e.error}
        </p>
      ))}
      <ol className="ranking" aria-label="Ranked candidates">
        {ranked.map((r, k) => {
          const probe = candidates[r.index]?.probe;
          const original = probe ? ranked.find((o) => o.id === probe.of) : undefined;
          return (
            <RankedItem
              key={r.id}
              row={r}
              shown={shown[k]!}
              activated={activated}
              call={calls[k]!}
              threshold={callThreshold}
              autoScore={autoScore}
              name={candidateName(candidates, r.index)}
              probeDelta={original ? r.score - original.score : undefined}
            />
          );
        })}
      </ol>
      <UnrankedList rows={unranked} autoScore={autoScore} />
      {hasAttributes ? <WeightsEditor /> : null}
      {ranked.length >= 2 ? <WinMatrix ranked={ranked} /> : null}
      {ranked.length >= 2 ? (
        <SeparatePanel
          firstId={ranked[0]!.id}
          secondId={ranked[1]!.id}
          firstName={candidateName(candidates, ranked[0]!.index)}
          secondName={candidateName(candidates, ranked[1]!.index)}
        />
      ) : null}
    </section>
  );
}

const RankedItem = memo(function RankedItem(props: {
  row: RankedRow;
  /** The score and attributes shown (activated or raw). */
  shown: { score: number; attributes?: Record<string, number> };
  activated: boolean;
  call: RowCall;
  /** The user's "too close to call" line. */
  threshold: number;
  /** "Rescore after edits": a stale row is being rescored, else its score waits for "Score candidates". */
  autoScore: boolean;
  name: string;
  probeDelta?: number;
}) {
  const { row, shown, activated, call, threshold, autoScore, name, probeDelta } = props;
  const text = useStore((s) => s.candidates[row.index]?.text ?? '');
  const r = row.result;
  return (
    <li className={`ranked ${row.stale ? 'stale' : ''}`} aria-label={`Rank ${row.rank}: ${name}`}>
      <div className="ranked-head">
        <span className="rank">#{row.rank}</span>
        <span className="ranked-name">{name}</span>
        <span
          className={`score${row.stale ? ' stale-score' : ''}`}
          title={
            row.stale
              ? 'The score of the previous input: the text, conversation or model changed since'
              : activated
                ? 'activated score'
                : 'score'
          }
          data-value={shown.score}
        >
          {fmtScore(shown.score)}
        </span>
        {probeDelta !== undefined ? (
          <span
            className={`badge ${probeDelta < 0 ? 'down' : 'up'}`}
            title="Score change against the original candidate"
          >
            Δ vs original {probeDelta >= 0 ? '+' : ''}
            {fmtScore(probeDelta)}
          </span>
        ) : null}
        {call.closeTo.length > 0 ? (
          <span
            className="badge close-call"
            title={`${call.closeTo
              .map(
                (n) =>
                  `σ(Δ) between #${Math.min(n.rank, row.rank)} and #${Math.max(n.rank, row.rank)} is ${fmtPct(n.p)}`,
              )
              .join(
                '; ',
              )}, under your ${fmtPct(threshold)} line: the model cannot tell these neighbours apart. (“σ(Δ) vs leader” and the bar compare with #1 instead.)`}
          >
            too close to call with {call.closeTo.map((n) => `#${n.rank}`).join(' and ')} (σ(Δ){' '}
            {call.closeTo.map((n) => fmtPct(n.p)).join(', ')})
          </span>
        ) : null}
        {call.tie ? (
          <span className="badge close-call" title="The shown scores are equal; the real difference is given">
            tie at shown precision (Δ = {call.tie.delta === 0 ? '0' : call.tie.delta.toExponential(1)})
          </span>
        ) : null}
        {row.stale ? (
          autoScore ? (
            <span className="badge">edited — rescoring</span>
          ) : (
            <span className="badge warn-badge" data-testid="stale-score">
              stale: score is for the previous input — press Score candidates
            </span>
          )
        ) : null}
        {r.truncated ? (
          <span
            className="badge warn-badge"
            title="The input was longer than the model's maximum length and was cut"
          >
            truncated
          </span>
        ) : null}
      </div>
      <WinBar
        p={row.winProbVsLeader}
        tooClose={call.tooClose}
        label={`Chance of ${name} to beat the leader`}
      />
      <dl className="facts inline">
        <div>
          <dt>Gap to next</dt>
          <dd>{row.gapToNext === null ? '—' : `+${fmtScore(row.gapToNext)}`}</dd>
        </div>
        <div>
          <dt title="σ(Δ) vs leader = σ(score − leader’s score): the Bradley–Terry probability that this candidate beats #1. The bar above fills to it; 50% is a coin flip.">
            σ(Δ) vs leader
          </dt>
          <dd>{row.rank === 1 ? 'leader' : fmtPct(row.winProbVsLeader)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>{r.tokenCount}</dd>
        </div>
        <div>
          <dt>Ran on</dt>
          <dd>
            {r.backend} · {r.dtype} · {r.timingMs.toFixed(0)} ms
          </dd>
        </div>
      </dl>
      {shown.attributes ? (
        <dl className="facts inline attrs">
          {Object.entries(shown.attributes).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{fmtScore(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <Markdown text={text} className="response" />
      <CandidateAnalyses candidateId={row.id} name={name} />
      <ModelInput renderedText={r.renderedInput} text={text} name={name} />
    </li>
  );
});

/** Candidates the ranking leaves out and why, so none is silently missing. */
function UnrankedList({ rows, autoScore }: { rows: readonly UnrankedRow[]; autoScore: boolean }) {
  const candidates = useStore((s) => s.candidates);
  if (rows.length === 0) return null;
  return (
    <ul className="unranked" aria-label="Not ranked">
      {rows.map((r) => (
        <li key={r.id}>
          <span className="ranked-name">{candidateName(candidates, r.index)}</span>{' '}
          {r.reason === 'empty' ? (
            <span
              className="badge warn-badge"
              title="An empty answer is not sent to the model, so it never ranks"
            >
              empty answer — not scored
            </span>
          ) : (
            <span className="badge">
              not scored yet{autoScore ? ' — scoring after your edit' : ' — press Score candidates'}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The exact input the model saw: the rendered text, and on request its tokens from the worker. */
function ModelInput({ renderedText, text, name }: { renderedText?: string; text: string; name: string }) {
  const loaded = useStore((s) => s.loaded);
  const [tokens, setTokens] = useState<RenderedInput | null>(null);
  const [error, setError] = useState('');
  const onToggle = async (open: boolean) => {
    if (!open || tokens || !loaded) return;
    try {
      const rendered = await renderCandidate(loaded.handle, text);
      if (rendered) setTokens(rendered);
      else setError('The remote engine renders the input on its side; there is nothing local to show.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <details className="model-input" onToggle={(e) => void onToggle(e.currentTarget.open)}>
      <summary>Model input for {name}</summary>
      {renderedText !== undefined ? <pre className="rendered">{renderedText}</pre> : null}
      {tokens ? (
        <>
          {renderedText === undefined ? <pre className="rendered">{tokens.text}</pre> : null}
          {tokens.notes?.map((n) => (
            <p key={n} className="hint">
              {n}
            </p>
          ))}
          <p className="hint">
            {tokens.tokens.length} tokens{tokens.truncated ? ' (truncated)' : ''}:
          </p>
          <div className="tokens" role="group" aria-label={`Tokens of ${name}`}>
            {tokens.tokens.map((t, i) => (
              <span key={i} className="token" title={`id ${tokens.ids[i] ?? ''}`}>
                {t}
              </span>
            ))}
          </div>
        </>
      ) : null}
      {error ? <p className="hint">{error}</p> : null}
    </details>
  );
}

function WinMatrix({ ranked }: { ranked: RankedRow[] }) {
  const candidates = useStore((s) => s.candidates);
  const m = winMatrix(ranked.map((r) => r.score));
  const short = (r: RankedRow) => `#${r.rank} C${r.index + 1}`;
  return (
    <details className="win-matrix">
      <summary>Win matrix</summary>
      <table className="data matrix">
        <caption>P(row beats column) = σ(score_row − score_column)</caption>
        <thead>
          <tr>
            <td />
            {ranked.map((r) => (
              <th key={r.id} scope="col" title={candidateName(candidates, r.index)}>
                {short(r)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranked.map((r, i) => (
            <tr key={r.id}>
              <th scope="row" title={candidateName(candidates, r.index)}>
                {short(r)}
              </th>
              {ranked.map((c, j) => {
                const p = m[i]?.[j] ?? 0.5;
                return (
                  <td
                    key={c.id}
                    style={i === j ? undefined : ({ '--p': p } as CSSProperties)}
                    className={i === j ? 'cell diagonal' : 'cell'}
                  >
                    {i === j ? '—' : fmtPct(p)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
