import { useState } from 'react';
import { isMultiPart, maxAbsAttribution, type Attribution, type Explanation } from '../../core/explain';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { useEngineRun } from '../components/use-engine-run';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { useStore } from '../store/store';
import { AttributionLegend, AttributionText, describeAttribution } from './AttributionText';
import { attributionColor, signed } from './explain-colors';
import { RequestConfirm } from './RequestConfirm';
import { explainPlanFor, isRemote, runExplain } from './run-explain';

/** What an explanation was computed from; it is outdated when this changes. */
function useExplainKey(text: string, promptSide: boolean): string {
  return useStore((s) =>
    JSON.stringify([
      s.loaded?.handle ?? '',
      s.loaded ? scoringOf(s, s.loaded) : null,
      conversationOf(s),
      text,
      promptSide,
    ]),
  );
}

/**
 * "Explain" for one candidate: leave each sentence (short answers: each word) out, and with the prompt side each
 * part of the conversation, score every variant, and paint each unit by how much the reward drops or rises
 * without it.
 */
export function ExplainPanel({ candidateId, name }: { candidateId: string; name: string }) {
  const text = useStore((s) => s.candidates.find((c) => c.id === candidateId)?.text ?? '');
  const loaded = useStore((s) => s.loaded);
  const multi = useStore((s) => isMultiPart(conversationOf(s)));
  const [promptSide, setPromptSide] = useState<boolean | null>(null);
  const withPrompt = promptSide ?? multi;
  const key = useExplainKey(text, withPrompt);
  const [result, setResult] = useState<{ key: string; explanation: Explanation } | null>(null);
  const { progress, confirming, error, launch, cancel, dismiss } = useEngineRun<{
    done: number;
    total: number;
  }>();

  const start = async (confirmed: boolean) => {
    const s = useStore.getState();
    const model = s.loaded;
    if (!model || text.trim() === '') return;
    const scoring = scoringOf(s, model);
    const input = { conversation: conversationOf(s), response: text };
    const { plan, requests } = explainPlanFor(model, scoring, input, withPrompt);
    const request = { requests, remote: isRemote(model), confirmed, initial: { done: 0, total: requests } };
    await launch(request, async (signal, onProgress) => {
      const explanation = await runExplain(model, scoring, plan, {
        signal,
        onProgress: (done, total) => onProgress({ done, total }),
      });
      setResult({ key, explanation });
    });
  };

  return (
    <div className="explain-panel">
      <div className="row">
        <button
          type="button"
          aria-label={`Explain ${name}`}
          disabled={!loaded || !!progress || text.trim() === ''}
          onClick={() => void start(false)}
        >
          Explain
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={withPrompt}
            onChange={(e) => setPromptSide(e.target.checked)}
            aria-label={`Include the prompt side when explaining ${name}`}
          />
          prompt side too
        </label>
        {result ? (
          <button type="button" onClick={() => setResult(null)}>
            Hide
          </button>
        ) : null}
      </div>
      {confirming !== null && loaded ? (
        <RequestConfirm
          requests={confirming}
          model={loaded.id}
          what="Explaining this answer"
          onConfirm={() => void start(true)}
          onCancel={dismiss}
        />
      ) : null}
      {progress ? (
        <div className="row">
          <ProgressBar
            label={`Explaining ${name}`}
            value={progress.done}
            max={progress.total}
            text={`${progress.done} of ${progress.total} scores`}
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
        <ExplanationView explanation={result.explanation} name={name} outdated={result.key !== key} />
      ) : null}
    </div>
  );
}

function ExplanationView({
  explanation,
  name,
  outdated,
}: {
  explanation: Explanation;
  name: string;
  outdated: boolean;
}) {
  const { plan, attributions, full } = explanation;
  const max = maxAbsAttribution(attributions);
  const response = attributions.filter((a) => a.place.side === 'response');
  const question = attributions.filter((a) => a.place.side === 'question');
  const context = attributions.filter((a) => a.place.side === 'system' || a.place.side === 'history');
  const lastTurn = plan.input.conversation.turns.at(-1)?.content ?? '';
  const unitsOf = (list: Attribution[]) =>
    list.flatMap((a) => (a.place.side === 'response' || a.place.side === 'question' ? [a.place.unit] : []));
  const top = [...attributions].sort((a, b) => b.attribution - a.attribution);
  return (
    <div className={outdated ? 'explanation stale' : 'explanation'} data-testid="explanation">
      {outdated ? (
        <p className="warn" role="status">
          Outdated: the answer, the conversation, the model or its settings changed. Explain again to update
          it.
        </p>
      ) : null}
      <p className="hint">
        Score {fmtScore(full)}; each {plan.responseKind} painted by score(full) − score(without it),{' '}
        {attributions.length} variants.
      </p>
      <AttributionLegend max={max} />
      <AttributionText
        text={plan.input.response}
        units={unitsOf(response)}
        attributions={response}
        max={max}
        label={`Attributions of ${name}’s ${plan.responseKind}s`}
      />
      {question.length > 0 || context.length > 0 ? (
        <div className="attr-prompt">
          <p className="hint">Prompt side: which part of the conversation mattered for this answer.</p>
          {context.map((a) => (
            <p key={a.label} className="attr-context">
              <span
                className="attr-unit"
                data-attribution={a.attribution}
                style={{ backgroundColor: attributionColor(a.attribution, max) }}
                title={describeAttribution(a)}
              >
                <strong>{a.label}:</strong> {a.text}
                <span className="visually-hidden"> [{signed(fmtScore(a.attribution), a.attribution)}]</span>
              </span>
            </p>
          ))}
          {question.length > 0 ? (
            <AttributionText
              text={lastTurn}
              units={unitsOf(question)}
              attributions={question}
              max={max}
              label={`Attributions of the question’s ${plan.questionKind ?? 'sentence'}s`}
            />
          ) : null}
        </div>
      ) : null}
      <details>
        <summary>Values as a table</summary>
        <table className="data" aria-label={`Attributions of ${name}`}>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Text</th>
              <th scope="col">Score without it</th>
              <th scope="col">Attribution</th>
            </tr>
          </thead>
          <tbody>
            {top.map((a) => (
              <tr key={a.label}>
                <th scope="row">{a.label}</th>
                <td>{a.text}</td>
                <td>{fmtScore(a.without)}</td>
                <td>{signed(fmtScore(a.attribution), a.attribution)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <Explain summary="What leave-one-out can and cannot show">
        Each unit is credited with what the reward loses when that unit alone is left out. It shows what this
        model reacts to, with forward passes only, so it works for remote engines too. It cannot show
        interactions: two sentences that only matter together, or two that say the same thing (redundancy),
        each look unimportant, because leaving one out leaves the other. The numbers do not add up to the
        score, a text without a unit may read oddly (the model scores that text, not a "missing" marker), and
        a unit’s effect can depend on where it stands. Read it as a probe of this model, not as the reason a
        person would give.
      </Explain>
    </div>
  );
}
