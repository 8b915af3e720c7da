import { useMemo, useRef, useState } from 'react';
import { Scatter } from 'react-chartjs-2';
import {
  isScored,
  lineErrorParts,
  pairOutcomes,
  readDatasetFile,
  rowItems,
  writeScoredCsv,
  writeScoredJsonl,
  type Dataset,
  type ItemScore,
  type LineError,
} from '../../core/formats';
import { lengthControlledAccuracy, pairwiseAccuracy, type AccuracySummary } from '../../core/stats';
import { chartColors, themedAxis } from '../components/chart-setup';
import { downloadText } from '../components/download';
import { Explain } from '../components/Explain';
import { fmtPct, fmtScore } from '../components/format';
import { ProgressBar } from '../components/ProgressBar';
import { errorMessage } from '../engine-bridge';
import { scoringOf } from '../store/scoring';
import { useStore } from '../store/store';
import { scatterSeries, verdictsByLine, type PairVerdict } from './batch-marks';
import { runBatch, type BatchRun } from './run-batch';
import { Field } from '../components/Field';
import { BiasReport } from './BiasReport';

const TABLE_LIMIT = 200;

type Scores = (ItemScore[] | undefined)[];

/** Batch tab: drop a JSONL file, score it with progress and cancel, read accuracy, export. */
export function BatchView() {
  const loaded = useStore((s) => s.loaded);
  const [fileName, setFileName] = useState('');
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [parseError, setParseError] = useState('');
  const [scores, setScores] = useState<Scores>([]);
  /** The model that produced `scores` ("id · dtype"): the bias report keeps one report per model and file. */
  const [scoredBy, setScoredBy] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);
  const run = useRef<BatchRun | null>(null);
  const busy = progress !== null;

  const readFile = async (file: File) => {
    setFileName(file.name);
    setScores([]);
    setStatus('');
    try {
      const ds = await readBatchFile(file);
      setDataset(ds);
      setParseError('');
    } catch (e) {
      setDataset(null);
      setParseError(errorMessage(e));
    }
  };

  const start = async () => {
    if (!dataset || !loaded) return;
    setStatus('');
    const options = { ...scoringOf(useStore.getState(), loaded), truncate: true };
    const r = runBatch(loaded.handle, dataset.records, options, (done, total) =>
      setProgress({ done, total }),
    );
    run.current = r;
    setProgress({ done: 0, total: 0 });
    try {
      const out = await r.promise;
      setScores(out.scores);
      setScoredBy(`${loaded.id} · ${loaded.dtype}`);
      const scored = out.scores.filter((s) => s !== undefined).length;
      setStatus(
        out.cancelled
          ? `Cancelled: ${scored} of ${dataset.records.filter((x) => x.row).length} rows scored; the rest are exported as “not scored”.`
          : `Scored ${scored} rows.`,
      );
    } catch (e) {
      setStatus(`Scoring failed: ${errorMessage(e)}`);
    } finally {
      run.current = null;
      setProgress(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="batch-heading">
      <h2 id="batch-heading">Batch scoring</h2>
      <p className="hint">
        JSONL files or JSON arrays, plain or gzip-compressed (.jsonl.gz); formats are detected automatically:
        TRL/RewardBench pairs (prompt, chosen, rejected, optional subset), HH-RLHF transcripts, NeMo
        conversations, and candidate lists (prompt or messages, responses).
      </p>
      <div
        className={`dropzone ${dragging ? 'dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) void readFile(f);
        }}
      >
        <Field label="Drop a .jsonl, .json or .jsonl.gz file here, or choose one">
          <input
            type="file"
            accept=".jsonl,.json,.ndjson,.gz,application/jsonl,application/x-ndjson,application/gzip,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void readFile(f);
            }}
          />
        </Field>
      </div>
      {parseError ? (
        <p className="error" role="alert">
          {fileName}: {parseError}
        </p>
      ) : null}
      {dataset ? (
        <DatasetSummary
          dataset={dataset}
          fileName={fileName}
          busy={busy}
          canScore={!!loaded}
          onScore={() => void start()}
          onCancel={() => run.current?.cancel()}
        />
      ) : null}
      {progress ? (
        <ProgressBar
          label="Batch scoring progress"
          value={progress.done}
          max={progress.total}
          text={`${progress.done} / ${progress.total} inputs`}
        />
      ) : null}
      {status ? (
        <p className="hint" role="status">
          {status}
        </p>
      ) : null}
      {dataset && scores.length ? (
        <BatchResults dataset={dataset} scores={scores} fileName={fileName} model={scoredBy} />
      ) : null}
    </section>
  );
}

function DatasetSummary(props: {
  dataset: Dataset;
  fileName: string;
  busy: boolean;
  canScore: boolean;
  onScore(): void;
  onCancel(): void;
}) {
  const { dataset, fileName, busy, canScore } = props;
  const valid = dataset.records.filter((r) => r.row);
  const inputs = valid.reduce((n, r) => n + rowItems(r.row!).length, 0);
  return (
    <div className="dataset-summary">
      <p>
        <strong>{fileName}</strong>: format <span className="badge">{dataset.format}</span>,{' '}
        {dataset.records.length} rows, {valid.length} valid ({inputs} inputs to score),{' '}
        {dataset.errors.length} with errors.
      </p>
      <LineErrorList errors={dataset.errors} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy || !canScore || valid.length === 0}
          onClick={props.onScore}
        >
          Score file
        </button>
        <button type="button" disabled={!busy} onClick={props.onCancel}>
          Cancel
        </button>
        {!canScore ? <span className="hint">Load a model first.</span> : null}
      </div>
    </div>
  );
}

/** A dropped or chosen file as a dataset: read as bytes, so gzip is inflated and invalid UTF-8 reported by line. */
export async function readBatchFile(file: Blob & { name: string }): Promise<Dataset> {
  return readDatasetFile(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** The scored JSONL export: every row with its input line number (`input_line`), as CLI annotate writes it. */
export function scoredJsonlExport(dataset: Dataset, scores: Scores): string {
  return writeScoredJsonl(dataset.records, scores, { inputLine: true });
}

function BatchResults({
  dataset,
  scores,
  fileName,
  model,
}: {
  dataset: Dataset;
  scores: Scores;
  fileName: string;
  model: string;
}) {
  const base = fileName.replace(/(\.gz)?$/, '').replace(/\.[^.]+$/, '') || 'scores';
  const [exportError, setExportError] = useState('');
  const pairs = useMemo(() => pairOutcomes(dataset.records, scores), [dataset, scores]);
  const accuracy = useMemo(() => {
    if (!pairs.length) return [];
    const acc = pairwiseAccuracy(pairs);
    const rows: { subset: string; summary: AccuracySummary }[] = Object.entries(acc.bySubset).map(
      ([subset, summary]) => ({ subset, summary }),
    );
    return [...rows, { subset: 'All pairs', summary: acc.overall }];
  }, [pairs]);
  const byLength = useMemo(() => (pairs.length ? lengthControlledAccuracy(pairs) : null), [pairs]);
  const verdicts = useMemo(() => verdictsByLine(pairs), [pairs]);
  const series = useMemo(() => scatterSeries(dataset.records, scores), [dataset, scores]);
  const pointCount = series.chosen.length + series.rejected.length + series.other.length;
  const c = chartColors();
  // Chosen and rejected differ in colour and in shape (circle, triangle), so the legend reads without colour too.
  const datasets = [
    { label: 'chosen', data: series.chosen, backgroundColor: c.ok, pointStyle: 'circle' as const },
    { label: 'rejected', data: series.rejected, backgroundColor: c.error, pointStyle: 'triangle' as const },
    { label: 'response', data: series.other, backgroundColor: c.accent, pointStyle: 'circle' as const },
  ]
    .filter((d) => d.data.length > 0)
    .map((d) => ({ ...d, pointRadius: 3.5 }));

  return (
    <div className="batch-results">
      <div className="row">
        <button
          type="button"
          onClick={() => {
            try {
              downloadText(`${base}.scored.jsonl`, scoredJsonlExport(dataset, scores), 'application/jsonl');
              setExportError('');
            } catch (e) {
              setExportError(errorMessage(e));
            }
          }}
        >
          Export JSONL
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(`${base}.scored.csv`, writeScoredCsv(dataset.records, scores), 'text/csv')
          }
        >
          Export CSV
        </button>
      </div>
      {exportError ? (
        <p className="error" role="alert">
          {exportError}
        </p>
      ) : null}
      {accuracy.length ? (
        <>
          <h3>Pairwise accuracy</h3>
          <table className="data">
            <caption>Share of pairs where the chosen response scores above the rejected one</caption>
            <thead>
              <tr>
                <th scope="col">Subset</th>
                <th scope="col">Pairs</th>
                <th scope="col">Correct</th>
                <th scope="col">Ties</th>
                <th scope="col">Accuracy</th>
              </tr>
            </thead>
            <tbody>
              {accuracy.map((a) => (
                <tr key={a.subset}>
                  <th scope="row">{a.subset}</th>
                  <td>{a.summary.n}</td>
                  <td>{a.summary.correct}</td>
                  <td>{a.summary.ties}</td>
                  <td>{Number.isNaN(a.summary.accuracy) ? '—' : fmtPct(a.summary.accuracy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Explain summary="What is pairwise accuracy?">
            RewardBench’s measure: for each (chosen, rejected) pair, did the model score the chosen response
            higher? Ties count as wrong. 50% is chance.
            {byLength && byLength.chosenLonger.n > 0 && byLength.chosenShorter.n > 0 ? (
              <>
                {' '}
                Length check: {fmtPct(byLength.chosenLonger.accuracy)} when the chosen response is the longer
                one, {fmtPct(byLength.chosenShorter.accuracy)} when it is the shorter one — a large difference
                hints at a verbosity bias.
              </>
            ) : null}
          </Explain>
        </>
      ) : null}
      {pointCount ? (
        <div className="chart-box">
          <Scatter
            role="img"
            aria-label={`Response length versus score: ${datasets
              .map(
                (d) =>
                  `${d.label} (${d.data.length}, ${d.pointStyle === 'triangle' ? 'triangles' : 'circles'})`,
              )
              .join(', ')}`}
            data={{ datasets }}
            options={{
              animation: false,
              maintainAspectRatio: false,
              plugins: {
                legend: {
                  display: datasets.length > 1,
                  labels: { color: c.fg, usePointStyle: true },
                },
              },
              scales: {
                x: themedAxis('response length (characters)', c),
                y: themedAxis('score', c),
              },
            }}
          />
        </div>
      ) : null}
      <BiasReport dataset={dataset} scores={scores} fileName={fileName} model={model} />
      <h3>Rows</h3>
      <table className="data">
        <caption>
          Scores per row
          {dataset.records.length > TABLE_LIMIT
            ? ` (first ${TABLE_LIMIT} of ${dataset.records.length}; exports hold all)`
            : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Subset</th>
            <th scope="col">Scores</th>
            {pairs.length ? <th scope="col">Chosen higher?</th> : null}
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {dataset.records.slice(0, TABLE_LIMIT).map((r, i) => {
            const list = scores[i];
            const keys = r.row ? rowItems(r.row).map((it) => it.key) : [];
            const failed = list?.find((s) => !isScored(s));
            return (
              <tr key={r.line} className={r.error || failed ? 'row-error' : ''}>
                <td>{r.line}</td>
                <td>{r.row?.subset ?? ''}</td>
                <td>
                  {list
                    ? list.map((s, k) => (
                        <span key={k} className="kv">
                          {keys[k]}: {isScored(s) ? fmtScore(s.score) : '—'}
                        </span>
                      ))
                    : null}
                </td>
                {pairs.length ? <VerdictCell verdict={verdicts.get(r.line)} /> : null}
                <td>
                  {r.error ?? (failed && 'error' in failed ? failed.error : list ? 'ok' : 'not scored')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A pair's mark in the rows table: right (chosen scored higher), wrong, or a tie (which counts as wrong). */
function VerdictCell({ verdict }: { verdict: PairVerdict | undefined }) {
  if (!verdict) return <td />;
  const text = verdict === 'right' ? '✓ right' : verdict === 'wrong' ? '✗ wrong' : '= tie (counts as wrong)';
  return <td className={`verdict ${verdict}`}>{text}</td>;
}

/** The lines of a dataset that cannot be scored, each "Line N (field): reason" once. */
export function LineErrorList({ errors }: { errors: LineError[] }) {
  if (errors.length === 0) return null;
  return (
    <details open className="line-errors">
      <summary>
        Lines that cannot be scored ({errors.length}) — they are kept in the export with their error
      </summary>
      <ul aria-label="Line errors">
        {errors.slice(0, 100).map((e) => {
          const { where, reason } = lineErrorParts(e);
          return (
            <li key={e.line}>
              <strong>{where}</strong>: {reason}
            </li>
          );
        })}
      </ul>
      {errors.length > 100 ? <p className="hint">…and {errors.length - 100} more.</p> : null}
    </details>
  );
}
