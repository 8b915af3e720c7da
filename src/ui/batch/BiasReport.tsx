import { useEffect, useMemo, useState } from 'react';
import {
  biasReport,
  biasReportCsv,
  biasReportJson,
  biasRowsOf,
  type BiasEffect,
  type ModelBiasReport,
} from '../../core/bias';
import type { Dataset, ItemScore } from '../../core/formats';
import { downloadText } from '../components/download';
import { Explain } from '../components/Explain';
import { fmtScore } from '../components/format';
import { datasetKey, rememberBiasReport } from './bias-history';
import { BiasChart } from './BiasChart';

const METHOD: Record<BiasEffect['method'], string> = {
  spearman: 'Spearman ρ',
  'within-prompt': 'Δ mean, within prompt',
  'length-bins': 'Δ mean, within length bins',
};

function fmtEffect(e: BiasEffect): string {
  if (!Number.isFinite(e.estimate)) {
    if (e.kind === 'correlation') return 'undefined (no variation)';
    return e.present === 0 ? 'not in any response' : 'no matched comparison';
  }
  const ci = Number.isFinite(e.low)
    ? ` [${fmtScore(e.low)}, ${fmtScore(e.high)}]`
    : ' (too few responses for an interval)';
  return `${fmtScore(e.estimate)}${ci}`;
}

function nText(e: BiasEffect): string {
  if (e.kind === 'correlation') return `${e.n} responses`;
  const unit = e.method === 'within-prompt' ? 'prompts' : 'responses';
  return `${e.n} ${unit} (${e.present ?? 0} with)`;
}

/**
 * The batch bias report (issue 26, item 4): after a file is scored, how its scores move with surface features
 * of the responses, for the model that scored it and — when another model scored the same file earlier in this
 * page — that model's report beside it. Computed after the results render, so a large file's report never
 * holds up the scores.
 */
export function BiasReport(props: {
  dataset: Dataset;
  scores: readonly (ItemScore[] | undefined)[];
  fileName: string;
  /** The model that produced `scores` ("id · dtype"). */
  model: string;
}) {
  const { dataset, scores, fileName, model } = props;
  const fileKey = useMemo(() => datasetKey(dataset), [dataset]);
  const [shown, setShown] = useState<{ scores: typeof scores; reports: ModelBiasReport[] } | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      const report = biasReport(biasRowsOf(dataset.records, scores));
      setShown({ scores, reports: rememberBiasReport(fileKey, { model, report }) });
    }, 0);
    return () => clearTimeout(timer);
  }, [dataset, scores, fileKey, model]);

  const base = fileName.replace(/(\.gz)?$/, '').replace(/\.[^.]+$/, '') || 'scores';
  if (!shown || shown.scores !== scores) {
    return (
      <section aria-labelledby="bias-heading" className="bias-report">
        <h3 id="bias-heading">Bias report</h3>
        <p className="hint" role="status">
          Computing the bias report…
        </p>
      </section>
    );
  }
  const { reports } = shown;
  const current = reports.at(-1)!.report;
  if (current.responses < 3) {
    return (
      <section aria-labelledby="bias-heading" className="bias-report">
        <h3 id="bias-heading">Bias report</h3>
        <p className="hint">Too few scored responses ({current.responses}) for a bias report.</p>
      </section>
    );
  }
  const rows = current.effects;
  return (
    <section aria-labelledby="bias-heading" className="bias-report">
      <h3 id="bias-heading">Bias report</h3>
      <p className="hint">
        How the score moves with features that carry no information of their own, over {current.responses}{' '}
        scored responses to {current.prompts} prompts
        {reports.length > 1 ? `, for ${reports.map((r) => r.model).join(' and ')} side by side` : ''}.
        Intervals are 95% bootstrap intervals ({current.resamples} resamples of prompts, seed {current.seed}).
      </p>
      <div className="row">
        <button
          type="button"
          onClick={() =>
            downloadText(`${base}.bias.json`, biasReportJson(fileName, reports), 'application/json')
          }
        >
          Export bias report JSON
        </button>
        <button
          type="button"
          onClick={() => downloadText(`${base}.bias.csv`, biasReportCsv(reports), 'text/csv')}
        >
          Export bias report CSV
        </button>
      </div>
      <h4>Correlation with the score</h4>
      <BiasChart reports={reports} kind="correlation" title="Spearman correlation with the score" />
      <h4>Score with the feature minus without</h4>
      <BiasChart
        reports={reports}
        kind="difference"
        title="Difference in mean score, with the feature minus without"
      />
      <table className="data bias-table">
        <caption>Bias report: estimate [95% interval] and the n behind it, per feature</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Measure</th>
            {reports.map((r) => (
              <th key={r.model} scope="col" colSpan={2}>
                {r.model}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            <tr key={e.feature}>
              <th scope="row">{e.label}</th>
              <td>{METHOD[e.method]}</td>
              {reports.map((r) => {
                const x = r.report.effects[i]!;
                return [
                  <td key={`${r.model}-e`}>
                    {fmtEffect(x)}
                    {x.per100Chars && Number.isFinite(x.per100Chars.estimate) ? (
                      <span className="hint">
                        {' '}
                        ({fmtScore(x.per100Chars.estimate)} per 100 characters [{fmtScore(x.per100Chars.low)},{' '}
                        {fmtScore(x.per100Chars.high)}])
                      </span>
                    ) : null}
                  </td>,
                  <td key={`${r.model}-n`}>{nText(x)}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Explain summary="How is the bias report computed?">
        Length and restating the question (the share of the first sentence’s content words that appear in the
        prompt) are Spearman rank correlations with the score; length also shows the least-squares change per
        100 characters. The other features are present or absent, and are reported as the mean score with the
        feature minus without it:{' '}
        {current.severalPerPrompt
          ? 'this file has several responses per prompt, so responses are compared within the same prompt (n counts the prompts that have responses both with and without the feature)'
          : 'this file has about one response per prompt, so responses are compared within five bins of similar length, so that a feature common in long answers is not credited with their length (n counts the responses in bins that have both)'}
        . A feature that goes with higher scores is not proof of a bias — the better answers may simply use it
        more — but a large effect for a refusal, an apology or a hedge deserves a closer look, and the Compare
        view’s “Hack this answer” can test it on one answer.
      </Explain>
    </section>
  );
}
