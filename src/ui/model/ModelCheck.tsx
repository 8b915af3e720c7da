import { Fragment, useEffect, useRef, useState } from 'react';
import { Scatter } from 'react-chartjs-2';
import type { AccuracySummary } from '../../core/stats';
import { chartColors, themedAxis } from '../components/chart-setup';
import { Explain } from '../components/Explain';
import { fmtPct } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { timeLeftText } from '../components/time-left';
import { errorMessage } from '../engine-bridge';
import { scoringOf } from '../store/actions';
import { useStore } from '../store/store';
import { readCardFacts, type CardFacts } from './card-facts';
import { loadCheckSet, runCheck, type StoredCheck } from './run-check';

const pct = (a: AccuracySummary | undefined) => (a && a.n > 0 ? fmtPct(a.accuracy) : '—');

/**
 * "How far to trust this model": scores the bundled human-labelled check set with the loaded model and shows,
 * beside every model checked before (kept in this browser), how often each agrees with people, against the
 * "longer answer wins" baseline, by which side is longer, and whether its own win probabilities hold.
 */
export function ModelCheck() {
  const loaded = useStore((s) => s.loaded);
  const checks = useStore((s) => s.checks);
  const [progress, setProgress] = useState<{ done: number; total: number; left: string } | null>(null);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const running = useRef<{ cancel(): void } | null>(null);
  if (!loaded) return null;
  const key = `${loaded.id} · ${loaded.dtype}`;
  const remote = loaded.family === 'remote';

  const start = async (confirmed: boolean) => {
    setMessage('');
    let data;
    try {
      data = await loadCheckSet();
    } catch (e) {
      setMessage(`The check set could not be read: ${errorMessage(e)}`);
      return;
    }
    const responses = data.records.length * 2;
    // A remote engine is sent every response of the set: say how many, and where, before anything goes out.
    if (remote && !confirmed) {
      setConfirming(responses);
      return;
    }
    setConfirming(null);
    const s = useStore.getState();
    const started = performance.now();
    const run = runCheck(loaded.handle, data, scoringOf(s, loaded), (done, total, workDone) =>
      setProgress({ done, total, left: timeLeftText(performance.now() - started, workDone) }),
    );
    running.current = run;
    setProgress({ done: 0, total: responses, left: '' });
    try {
      const r = await run.promise;
      if (r.cancelled) {
        setMessage('Check cancelled: nothing was kept.');
        return;
      }
      useStore.getState().saveCheck(key, {
        model: loaded.id,
        dtype: loaded.dtype,
        backend: loaded.backend,
        at: new Date().toISOString(),
        pairs: r.outcomes.length,
        failed: r.failed,
        summary: r.summary,
      });
      if (r.failed > 0) setMessage(`${r.failed} pairs could not be scored and are left out.`);
    } catch (e) {
      setMessage(`The check failed: ${errorMessage(e)}`);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  const rows = Object.entries(checks).sort(([a], [b]) => (a === key ? -1 : b === key ? 1 : a < b ? -1 : 1));
  const current = checks[key];
  return (
    <section className="model-check" aria-labelledby="check-heading">
      <h3 id="check-heading">How far to trust this model</h3>
      <CardFactsView />
      <p className="hint">
        Scores 265 human-labelled preference pairs (hh-rlhf harmless, PandaLM; never in the shipped models’
        training data) and counts how often the model agrees with the people who labelled them.
      </p>
      {progress ? (
        <div className="row">
          <ProgressBar
            label="Model check"
            value={progress.done}
            max={progress.total}
            text={`${progress.done} of ${progress.total} responses${progress.left ? ` · ${progress.left}` : ''}`}
          />
          <button type="button" onClick={() => running.current?.cancel()}>
            Cancel check
          </button>
        </div>
      ) : confirming !== null ? (
        <p className="notice" role="status">
          This sends {confirming} responses to {loaded.id}, one request each or in the engine’s batches.{' '}
          <button type="button" onClick={() => void start(true)}>
            Send {confirming} responses
          </button>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            Not now
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => void start(false)}>
          {current ? 'Check this model again' : 'Check this model'}
        </button>
      )}
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <>
          <div className="table-scroll">
            <table className="data" aria-label="Model check results">
              <caption>Agreement with human labels, models checked in this browser</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Accuracy</th>
                  <th scope="col">Longer wins</th>
                  <th scope="col">Chosen longer</th>
                  <th scope="col">Chosen shorter</th>
                  <th scope="col">Length-controlled</th>
                  {Object.keys(rows[0]![1].summary.bySubset).map((subset) => (
                    <th scope="col" key={subset}>
                      {subset}
                    </th>
                  ))}
                  <th scope="col" aria-label="Forget" />
                </tr>
              </thead>
              <tbody>
                {rows.map(([k, c]) => (
                  <CheckRow key={k} id={k} check={c} current={k === key} />
                ))}
              </tbody>
            </table>
          </div>
          {current ? <Calibration check={current} /> : null}
          <Explain summary="How to read the check">
            Accuracy is the share of pairs where the model scores the answer people preferred strictly higher
            (a tie counts as wrong, as in RewardBench). “Longer wins” is what you would get by always picking
            the longer answer: a model below it has learned little beyond length. “Chosen longer” and “chosen
            shorter” split the pairs by which side is longer; a large gap between them is length bias, and
            length-controlled accuracy (their mean) is what a pure length rule cannot fake (it scores 50%).
            The calibration plot compares the model’s own confidence, σ(Δ), with how often it was right at
            that confidence: points on the diagonal mean its win probabilities can be taken at face value.
          </Explain>
        </>
      ) : null}
    </section>
  );
}

function CheckRow({ id, check, current }: { id: string; check: StoredCheck; current: boolean }) {
  const forget = useStore((s) => s.forgetCheck);
  const s = check.summary;
  return (
    <tr className={current ? 'current' : ''}>
      <th scope="row">
        {id}
        {current ? ' (loaded)' : ''}
      </th>
      <td>
        <strong>{pct(s.overall)}</strong> <span className="muted">of {s.overall.n}</span>
      </td>
      <td>{pct(s.longerWins)}</td>
      <td>{pct(s.chosenLonger)}</td>
      <td>{pct(s.chosenShorter)}</td>
      <td>{Number.isFinite(s.lengthControlled) ? fmtPct(s.lengthControlled) : '—'}</td>
      {Object.entries(s.bySubset).map(([subset, a]) => (
        <td key={subset}>
          {pct(a)} <span className="muted">(longer wins {pct(s.longerWinsBySubset[subset])})</span>
        </td>
      ))}
      <td>
        <button type="button" aria-label={`Forget the check of ${id}`} onClick={() => forget(id)}>
          ×
        </button>
      </td>
    </tr>
  );
}

function Calibration({ check }: { check: StoredCheck }) {
  const c = chartColors();
  const points = check.summary.calibration
    .filter((b) => b.n > 0)
    .map((b) => ({ x: b.predicted * 100, y: b.observed * 100 }));
  const counts = check.summary.calibration.filter((b) => b.n > 0).map((b) => b.n);
  return (
    <div className="chart-box small">
      <Scatter
        role="img"
        aria-label={`Calibration of ${check.model}: ${points.map((p, i) => `confidence ${p.x.toFixed(0)}%, right ${p.y.toFixed(0)}% of ${counts[i]}`).join('; ')}`}
        data={{
          datasets: [
            {
              label: 'right at this confidence',
              data: points,
              backgroundColor: c.accent,
              borderColor: c.accent,
              showLine: true,
              pointRadius: 4,
            },
            {
              label: 'perfect calibration',
              data: [
                { x: 50, y: 50 },
                { x: 100, y: 100 },
              ],
              borderColor: c.grid,
              borderDash: [4, 4],
              pointRadius: 0,
              showLine: true,
            },
          ],
        }}
        options={{
          animation: false,
          maintainAspectRatio: false,
          scales: {
            x: { ...themedAxis('model confidence σ(Δ) (%)', c), min: 50, max: 100 },
            y: { ...themedAxis('right (%)', c), min: 0, max: 100 },
          },
        }}
      />
    </div>
  );
}

const rate = (p: number | undefined) => (p === undefined ? '—' : fmtPct(p));

/** What the loaded model's own card says (embedded models and opened folders that carry one). */
function CardFactsView() {
  const spec = useStore((s) => s.loadedSpec);
  // Facts belong to the spec they were read for: a newly loaded model shows none until its own are read.
  const [read, setRead] = useState<{ spec: unknown; facts: CardFacts | null } | null>(null);
  useEffect(() => {
    let live = true;
    if (spec?.kind === 'local')
      void readCardFacts(spec.source).then((facts) => live && setRead({ spec, facts }));
    return () => {
      live = false;
    };
  }, [spec]);
  const facts = read && read.spec === spec ? read.facts : null;
  if (!facts) {
    return (
      <p className="hint" data-testid="card-facts">
        {spec?.kind === 'remote'
          ? 'A remote engine’s card is not read here: the check below measures it.'
          : 'This model carries no card figures: the check below measures it.'}
      </p>
    );
  }
  return (
    <div data-testid="card-facts">
      <dl className="facts">
        {facts.size ? (
          <>
            <dt>Size</dt>
            <dd>{facts.size}</dd>
          </>
        ) : null}
        {facts.base ? (
          <>
            <dt>Base</dt>
            <dd>{facts.base}</dd>
          </>
        ) : null}
        {facts.accuracy !== undefined ? (
          <>
            <dt>Card accuracy</dt>
            <dd>
              {rate(facts.accuracy)} on {facts.pairs ?? '?'} held-out pairs
              {facts.longerWins !== undefined ? ` (longer wins ${rate(facts.longerWins)})` : ''}
            </dd>
            <dt>Length bias</dt>
            <dd>
              {rate(facts.chosenLonger)} right when the chosen answer is longer, {rate(facts.chosenShorter)}{' '}
              when shorter
            </dd>
          </>
        ) : null}
        {facts.dataFiles?.length ? (
          <>
            <dt>Data</dt>
            <dd data-testid="card-data">
              {facts.dataFiles.map((f, i) => (
                <Fragment key={f}>
                  {i > 0 ? ', ' : null}
                  <BreakableId id={f.replace(/^(pairs|ratings)_|\.jsonl(\.gz)?$/g, '')} />
                </Fragment>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {facts.intendedUse ? (
        <p className="hint">
          <strong>Intended use:</strong> {facts.intendedUse}
        </p>
      ) : null}
    </div>
  );
}

/** An id that may wrap after its separators (/, _, -, .) rather than at an arbitrary letter. */
function BreakableId({ id }: { id: string }) {
  const parts = id.split(/(?<=[/_.-])/);
  return (
    <span className="id">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </span>
  );
}
