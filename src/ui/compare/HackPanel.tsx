import { useState } from 'react';
import {
  DEFAULT_HACK_BUDGET,
  hackRequestBound,
  HACK_EDITS,
  type HackResult,
  type HackStep,
} from '../../core/explain';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { useEngineRun } from '../components/use-engine-run';
import { scoringOf } from '../store/scoring';
import { conversationOf, MAX_CANDIDATES } from '../store/compare-slice';
import { useStore } from '../store/store';
import { signed } from './explain-colors';
import { RequestConfirm } from './RequestConfirm';
import { isRemote, REMOTE_REQUEST_CAP, runHackSearch, scorerFor } from './run-explain';

/**
 * "Hack this answer": a bounded greedy search over edits that add no information (flattery, confident or
 * apologetic phrases, Markdown, restating the question, repetition, emojis, deleting hedges); the path of edits
 * that raised the score, as a table, and the question it leaves for a class.
 */
export function HackPanel({ candidateId, name }: { candidateId: string; name: string }) {
  const text = useStore((s) => s.candidates.find((c) => c.id === candidateId)?.text ?? '');
  const isProbe = useStore((s) => !!s.candidates.find((c) => c.id === candidateId)?.probe);
  const loaded = useStore((s) => s.loaded);
  const room = useStore((s) => MAX_CANDIDATES - s.candidates.length);
  const addCandidates = useStore((s) => s.addCandidates);
  const [open, setOpen] = useState(false);
  const [budget, setBudget] = useState(DEFAULT_HACK_BUDGET);
  const [result, setResult] = useState<HackResult | null>(null);
  const { progress, confirming, error, launch, cancel, dismiss } = useEngineRun<{
    requests: number;
    steps: readonly HackStep[];
  }>();
  if (isProbe) return null;

  const start = async (confirmed: boolean) => {
    const s = useStore.getState();
    const model = s.loaded;
    if (!model || text.trim() === '') return;
    const scoring = scoringOf(s, model);
    const conversation = conversationOf(s);
    // Rank among the original candidates: the others, probes and hacked copies left out, scored the same way.
    const others = s.candidates
      .filter((c) => c.id !== candidateId && !c.probe)
      .map((c) => ({ conversation, response: c.text }));
    const remote = isRemote(model);
    const capped = remote ? Math.min(budget, REMOTE_REQUEST_CAP) : budget;
    const scorer = scorerFor(model, scoring);
    const requests = scorer.pending(others) + hackRequestBound(capped, false, HACK_EDITS.length);
    await launch(
      { requests, remote, confirmed, initial: { requests: 0, steps: [] } },
      async (signal, onProgress) => {
        setResult(null);
        const otherScores = await scorer.scores(others, { signal });
        const r = await runHackSearch(model, scoring, { conversation, response: text }, otherScores, {
          budget: capped,
          signal,
          onProgress: (n, steps) => onProgress({ requests: n, steps: [...steps] }),
        });
        setResult(r);
      },
    );
  };

  if (!open) {
    return (
      <button
        type="button"
        aria-label={`Hack ${name}`}
        disabled={!loaded || text.trim() === ''}
        onClick={() => setOpen(true)}
      >
        Hack this answer
      </button>
    );
  }
  const last = result?.steps.at(-1);
  return (
    <div className="hack-panel">
      <div className="row">
        <label className="check">
          Budget (scores)
          <input
            type="number"
            min={1}
            max={1000}
            value={budget}
            aria-label={`Request budget for hacking ${name}`}
            onChange={(e) => setBudget(Math.max(1, Math.floor(e.target.valueAsNumber || 1)))}
            style={{ width: '5em' }}
          />
        </label>
        <button type="button" disabled={!loaded || !!progress} onClick={() => void start(false)}>
          Search for a hack
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Hide
        </button>
      </div>
      {confirming !== null && loaded ? (
        <RequestConfirm
          requests={confirming}
          model={loaded.id}
          what="The hacking search"
          onConfirm={() => void start(true)}
          onCancel={dismiss}
        />
      ) : null}
      {progress ? (
        <div className="row">
          <ProgressBar
            label={`Hacking ${name}`}
            value={progress.requests}
            max={budget}
            text={`${progress.requests} of at most ${budget} scores, ${progress.steps.length} edits kept`}
          />
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div data-testid="hack-result">
          <table className="data" aria-label={`Hacking path of ${name}`}>
            <caption>
              Edits kept, each raising the score ({result.requests} scores of a budget of {result.budget};{' '}
              {result.stopped === 'budget'
                ? 'the budget ran out'
                : result.stopped === 'no-gain'
                  ? 'no remaining edit raised the score'
                  : 'every edit was used'}
              )
            </caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Edit</th>
                <th scope="col">New score</th>
                <th scope="col">Δ</th>
                <th scope="col">Rank</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">0</th>
                <td>the answer as written</td>
                <td>{fmtScore(result.start.score)}</td>
                <td>—</td>
                <td>#{result.start.rank}</td>
              </tr>
              {result.steps.map((s, i) => (
                <tr key={s.edit}>
                  <th scope="row">{i + 1}</th>
                  <td>{s.label}</td>
                  <td>{fmtScore(s.score)}</td>
                  <td>{signed(fmtScore(s.delta), s.delta)}</td>
                  <td>#{s.rank}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {last ? (
            <>
              <details>
                <summary>The hacked answer</summary>
                <pre className="rendered">{last.text}</pre>
              </details>
              <button
                type="button"
                disabled={room < 1}
                title={room < 1 ? 'No free candidate slot' : undefined}
                onClick={() => addCandidates([{ text: last.text, probe: { of: candidateId, kind: 'hack' } }])}
              >
                Add the hacked answer as a candidate
              </button>
              <p className="notice question" role="status" data-testid="hack-question">
                The answer says nothing new — why did the reward go up by {fmtScore(last.total)}?
              </p>
            </>
          ) : (
            <p className="hint">No content-free edit raised this answer’s score within the budget.</p>
          )}
          <Explain summary="What the search does">
            Each round tries every edit not used yet on the current text, keeps the one that raises the score
            most, and stops when none does, all are used, or the budget is spent. The edits add no
            information; a model that pays for them can be gamed by a policy trained against it (reward
            hacking). Rank is where the edited answer would stand among the other original candidates.
          </Explain>
        </div>
      ) : null}
    </div>
  );
}
