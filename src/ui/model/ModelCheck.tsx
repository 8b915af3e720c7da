import { Fragment, useEffect, useRef, useState } from 'react';
import { Scatter } from 'react-chartjs-2';
import { CHECK_SETS, type CheckSetId } from '../../core/check-sets';
import type { ModelCheckSummary } from '../../core/model-check';
import type { AccuracySummary } from '../../core/stats';
import { chartColors, themedAxis } from '../components/chart-setup';
import { Explain } from '../components/Explain';
import { fmtPct } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { timeLeftText } from '../components/time-left';
import { errorMessage } from '../engine-bridge';
import { scoringOf } from '../store/scoring';
import { useStore } from '../store/store';
import { readCardFacts, type CardFacts } from './card-facts';
import type { StoredCheck } from '../store/model-slice';
import { checkKey, loadCheckSet, runCheck, setOf } from './run-check';

const pct = (a: AccuracySummary | undefined) => (a && a.n > 0 ? fmtPct(a.accuracy) : '—');

const SET_HINTS: Record<CheckSetId, string> = {
  human:
    'Scores 265 human-labelled preference pairs (hh-rlhf harmless, PandaLM; never in the shipped models’ training data) and counts how often the model agrees with the people who labelled them.',
  obvious:
    'Scores 320 hand-written pairs that any sensible judge decides the same way, 32 per category: a dismissive non-answer, an off-topic answer, compliance with a harmful request, a needless refusal, word salad, a cut-off answer, an empty answer, one sentence repeated, an insulting answer, a wrong fact. The chosen answer is the longer one in half of each category (empty answers aside), so length gives nothing away. Facts need knowledge rather than judgement of form and are reported apart.',
};

/**
 * "How far to trust this model": scores a bundled check set (human-labelled pairs, or the obvious cases) with the
 * loaded model and shows, beside every model checked on the same set before (kept in this browser), how often each
 * picks the preferred answer, against the "longer answer wins" baseline, and whether its own win probabilities hold.
 */
export function ModelCheck() {
  const loaded = useStore((s) => s.loaded);
  const checks = useStore((s) => s.checks);
  const [setId, setSetId] = useState<CheckSetId>('human');
  const [progress, setProgress] = useState<{ done: number; total: number; left: string } | null>(null);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const running = useRef<{ cancel(): void; handle: string; stopped?: string } | null>(null);
  // Loading another model unloads this one: a check still running on it is stopped and says why, rather than
  // failing row by row against a model that is gone. It stops when the load starts: the worker runs one call at a
  // time, so a check left running would hold the load back a whole chunk of scoring at every step of it.
  const handle = loaded?.handle;
  const loadStatus = useStore((s) => s.load.status);
  useEffect(() => {
    const run = running.current;
    if (run && (run.handle !== handle || loadStatus === 'loading')) {
      run.stopped = 'The check stopped: another model is loading in its place. Nothing was kept.';
      run.cancel();
    }
  }, [handle, loadStatus]);
  if (!loaded) return null;
  const key = checkKey(setId, loaded.id, loaded.dtype);
  const remote = loaded.family === 'remote';

  const start = async (confirmed: boolean) => {
    setMessage('');
    const set = setId;
    let data;
    try {
      data = await loadCheckSet(set);
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
    running.current = { cancel: run.cancel, handle: loaded.handle };
    setProgress({ done: 0, total: responses, left: '' });
    try {
      const r = await run.promise;
      if (r.cancelled) {
        setMessage(running.current?.stopped ?? 'Check cancelled: nothing was kept.');
        return;
      }
      useStore.getState().saveCheck(checkKey(set, loaded.id, loaded.dtype), {
        set,
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

  // The loaded model first, then the others checked on the same set.
  const columns = Object.entries(checks)
    .filter(([, c]) => setOf(c) === setId)
    .sort(([a], [b]) => (a === key ? -1 : b === key ? 1 : a < b ? -1 : 1));
  const current = checks[key];
  return (
    <section className="model-check" aria-labelledby="check-heading">
      <h3 id="check-heading">How far to trust this model</h3>
      <CardFactsView />
      <fieldset className="segmented" disabled={progress !== null}>
        <legend>Check set</legend>
        {CHECK_SETS.map((set) => (
          <label key={set.id}>
            <input
              type="radio"
              name="check-set"
              value={set.id}
              checked={setId === set.id}
              onChange={() => {
                setSetId(set.id);
                setConfirming(null);
                setMessage('');
              }}
            />
            {set.label} ({set.pairs})
          </label>
        ))}
      </fieldset>
      <p className="hint">{SET_HINTS[setId]}</p>
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
      {columns.length > 0 ? (
        <>
          <CheckTable set={setId} columns={columns} currentKey={key} />
          {current ? <Calibration check={current} /> : null}
          <Explain summary="How to read the check">
            Accuracy is the share of pairs where the model scores the preferred answer strictly higher (a tie
            counts as wrong, as in RewardBench). “Longer wins” is what you would get by always picking the
            longer answer: a model below it has learned little beyond length.{' '}
            {setId === 'human'
              ? '“Chosen longer” and “chosen shorter” split the pairs by which side is longer; a large gap between them is length bias, and length-controlled accuracy (their mean) is what a pure length rule cannot fake (it scores 50%).'
              : 'On the obvious cases every category but “empty” is built so that longer wins scores 50%; a sound judge gets close to 100% in each. “All but facts” is the accuracy over every category except facts, which test what the model knows rather than how it judges an answer’s form.'}{' '}
            The calibration plot compares the model’s own confidence, σ(Δ), with how often it was right at
            that confidence: points on the diagonal mean its win probabilities can be taken at face value.
          </Explain>
        </>
      ) : null}
    </section>
  );
}

interface Line {
  label: string;
  /** What the length rule scores on the same pairs ('—' where it is fixed by definition). */
  longer: (s: ModelCheckSummary) => AccuracySummary | undefined;
  value: (s: ModelCheckSummary) => AccuracySummary | number | undefined;
  strong?: boolean;
  apart?: boolean;
}

/** The rows of the table for a set, from the summary of its first column (every column scored the same pairs). */
function linesFor(set: CheckSetId, first: ModelCheckSummary): Line[] {
  const subsets = Object.keys(first.bySubset);
  const subset = (name: string, extra: Partial<Line> = {}): Line => ({
    label: name,
    longer: (s) => s.longerWinsBySubset[name],
    value: (s) => s.bySubset[name],
    ...extra,
  });
  if (set === 'human') {
    return [
      { label: 'Accuracy', longer: (s) => s.longerWins, value: (s) => s.overall, strong: true },
      { label: 'Chosen longer', longer: () => undefined, value: (s) => s.chosenLonger },
      { label: 'Chosen shorter', longer: () => undefined, value: (s) => s.chosenShorter },
      { label: 'Length-controlled', longer: () => undefined, value: (s) => s.lengthControlled },
      ...subsets.map((name) => subset(name)),
    ];
  }
  const apart = first.withoutApart?.apart ?? [];
  return [
    ...subsets.filter((n) => !apart.includes(n)).map((name) => subset(name)),
    {
      label: apart.length ? `All but ${apart.join(', ')}` : 'All categories',
      longer: (s) => s.withoutApart?.longerWins ?? s.longerWins,
      value: (s) => s.withoutApart?.overall ?? s.overall,
      strong: true,
    },
    ...apart.map((name) => subset(name, { label: `${name} (apart)`, apart: true })),
  ];
}

/**
 * Measures down, models across: it stays narrow enough for the model panel with one or two models and scrolls
 * sideways (inside its own box) beyond that.
 */
function CheckTable({
  set,
  columns,
  currentKey,
}: {
  set: CheckSetId;
  columns: [string, StoredCheck][];
  currentKey: string;
}) {
  const forget = useStore((s) => s.forgetCheck);
  const first = columns[0]![1].summary;
  const lines = linesFor(set, first);
  const cell = (v: AccuracySummary | number | undefined) =>
    typeof v === 'number' ? (Number.isFinite(v) ? fmtPct(v) : '—') : pct(v);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Model check results, scrollable">
      <table className="data check-table" aria-label="Model check results">
        <caption>
          {set === 'human'
            ? 'Agreement with human labels, models checked in this browser'
            : 'Obvious cases: accuracy per category, models checked in this browser'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{set === 'human' ? 'Measure' : 'Category'}</th>
            <th scope="col">Longer wins</th>
            {columns.map(([k, c]) => (
              <th scope="col" key={k} className={k === currentKey ? 'model current' : 'model'}>
                {c.model} · {c.dtype}
                {k === currentKey ? ' (loaded)' : ''}
                {c.failed > 0 ? <span className="muted"> ({c.failed} not scored)</span> : null}{' '}
                <button
                  type="button"
                  className="forget"
                  aria-label={`Forget the check of ${c.model} · ${c.dtype}`}
                  onClick={() => forget(k)}
                >
                  ×
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const longer = line.longer(first);
            return (
              <tr key={line.label} className={line.apart ? 'apart' : line.strong ? 'total' : ''}>
                <th scope="row">{line.label}</th>
                <td>{longer ? pct(longer) : '—'}</td>
                {columns.map(([k, c]) => {
                  const v = line.value(c.summary);
                  return (
                    <td key={k}>
                      {line.strong ? <strong>{cell(v)}</strong> : cell(v)}
                      {line.strong && typeof v === 'object' ? <span className="muted"> of {v.n}</span> : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
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
  // While the card is being read (the panel mounts again, or another model was loaded), say so rather than "none".
  const reading = spec?.kind === 'local' && !(read && read.spec === spec);
  if (!facts) {
    return (
      <p className="hint" data-testid="card-facts">
        {spec?.kind === 'remote'
          ? 'A remote engine’s card is not read here: the check below measures it.'
          : reading
            ? 'Reading the model’s card…'
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
              <span className="hint" data-testid="card-vs-check">
                {' '}
                — measured by its trainers on their validation split (every source they trained on, human- and
                GPT-4-labelled). The check below measures this browser's scores on the app's own sets: the
                human pairs are only the human-labelled part of such a split, so the two figures differ.
              </span>
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
