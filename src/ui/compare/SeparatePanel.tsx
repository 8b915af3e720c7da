import { useState } from 'react';
import { maxAbsAttribution, type Explanation, type Separation } from '../../core/explain';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { useEngineRun } from '../components/use-engine-run';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { useStore } from '../store/store';
import { AttributionLegend, AttributionText } from './AttributionText';
import { RequestConfirm } from './RequestConfirm';
import { isRemote, runSeparate, separateRequestBound } from './run-explain';

const BUDGET = 64;

interface Result {
  key: string;
  names: [string, string];
  first: Explanation;
  second: Explanation;
  separation: Separation;
}

/**
 * "What separates #1 and #2": both answers' attributions side by side on one colour scale, each answer's
 * best unit swapped into the other, and the smallest edit found that flips the ranking.
 */
export function SeparatePanel(props: {
  firstId: string;
  secondId: string;
  firstName: string;
  secondName: string;
}) {
  const { firstId, secondId, firstName, secondName } = props;
  const loaded = useStore((s) => s.loaded);
  const key = useStore((s) =>
    JSON.stringify([
      s.loaded?.handle ?? '',
      s.loaded ? scoringOf(s, s.loaded) : null,
      conversationOf(s),
      s.candidates.find((c) => c.id === firstId)?.text,
      s.candidates.find((c) => c.id === secondId)?.text,
    ]),
  );
  const [result, setResult] = useState<Result | null>(null);
  const { progress, confirming, error, launch, cancel, dismiss } = useEngineRun<{
    done: number;
    total: number;
  }>();

  const start = async (confirmed: boolean) => {
    const s = useStore.getState();
    const model = s.loaded;
    const a = s.candidates.find((c) => c.id === firstId);
    const b = s.candidates.find((c) => c.id === secondId);
    if (!model || !a || !b) return;
    const scoring = scoringOf(s, model);
    const conversation = conversationOf(s);
    const inputs = [a, b].map((c) => ({ conversation, response: c.text }));
    const requests = separateRequestBound(model, scoring, inputs, BUDGET);
    const request = { requests, remote: isRemote(model), confirmed, initial: { done: 0, total: 0 } };
    await launch(request, async (signal, onProgress) => {
      const r = await runSeparate(model, scoring, inputs[0]!, inputs[1]!, {
        budget: BUDGET,
        signal,
        onProgress: (done, total) => onProgress({ done, total }),
      });
      setResult({ key, names: [firstName, secondName], ...r });
    });
  };

  const max = result
    ? Math.max(maxAbsAttribution(result.first.attributions), maxAbsAttribution(result.second.attributions))
    : 0;
  const flip = result?.separation.flip;
  return (
    <section className="separate" aria-labelledby="separate-heading">
      <h3 id="separate-heading">What separates #1 and #2</h3>
      <div className="row">
        <button type="button" disabled={!loaded || !!progress} onClick={() => void start(false)}>
          What separates #1 and #2?
        </button>
        {progress ? (
          <>
            <ProgressBar
              label="Explaining #1 and #2"
              value={progress.done}
              max={progress.total}
              text={progress.total ? `${progress.done} of ${progress.total} scores` : 'searching…'}
            />
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </>
        ) : null}
      </div>
      {confirming !== null && loaded ? (
        <RequestConfirm
          requests={confirming}
          model={loaded.id}
          what="Comparing #1 and #2"
          onConfirm={() => void start(true)}
          onCancel={dismiss}
        />
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className={result.key !== key ? 'explanation stale' : 'explanation'} data-testid="separation">
          <AttributionLegend max={max} />
          <div className="separate-columns">
            {([result.first, result.second] as const).map((e, i) => (
              <div key={i}>
                <p className="hint">
                  #{i + 1} {result.names[i]}: {fmtScore(e.full)}
                </p>
                <AttributionText
                  text={e.plan.input.response}
                  units={e.attributions.flatMap((a) => (a.place.side === 'response' ? [a.place.unit] : []))}
                  attributions={e.attributions}
                  max={max}
                  label={`Attributions of #${i + 1}`}
                />
              </div>
            ))}
          </div>
          <table className="data" aria-label="Best units swapped">
            <caption>Each answer’s highest-weighted unit swapped into the other</caption>
            <thead>
              <tr>
                <th scope="col">Edit</th>
                <th scope="col">Score</th>
                <th scope="col">Against</th>
                <th scope="col">Flips the ranking</th>
              </tr>
            </thead>
            <tbody>
              {result.separation.swaps.map((s) => (
                <tr key={s.side}>
                  <td>{s.description}</td>
                  <td>{fmtScore(s.score)}</td>
                  <td>{fmtScore(s.side === 'first' ? result.second.full : result.first.full)}</td>
                  <td>{s.flips ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="notice" role="status" data-testid="separation-flip">
            {flip
              ? `Smallest edit found that flips the ranking: ${flip.description} (${flip.size} characters changed); it scores ${fmtScore(flip.score)} against ${fmtScore(flip.side === 'first' ? result.second.full : result.first.full)}.`
              : `No single swap, insertion or left-out unit flips the ranking within ${result.separation.requests} scores.`}
          </p>
          <Explain summary="How the flip is searched">
            Leaving a unit out was already scored by the explanations, so those flips are free. Then swaps (a
            unit of one answer in place of a unit of the other) and insertions are tried, fewest changed
            characters first, only while they are smaller than the best flip found, until the budget of{' '}
            {BUDGET} scores is spent.
          </Explain>
        </div>
      ) : null}
    </section>
  );
}
