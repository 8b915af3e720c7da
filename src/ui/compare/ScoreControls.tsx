import { useEffect, useRef } from 'react';
import { ProgressBar } from '../components/ProgressBar';
import { useScoreKey } from '../store/scoring';
import { useStore } from '../store/store';
import { autoScoreDelayMs } from './auto-score';
import { scoreComparison } from './run-compare';
import { ShareButton } from './ShareButton';

/** Score on demand, and after edits (debounced) when auto-scoring is on. */
export function ScoreControls() {
  const loaded = useStore((s) => s.loaded);
  const autoScore = useStore((s) => s.autoScore);
  const setAutoScore = useStore((s) => s.setAutoScore);
  const candidates = useStore((s) => s.candidates);
  const keyOf = useScoreKey();
  // A string that changes whenever any candidate's score input changes.
  const pendingKey = candidates.map((c) => `${c.id}:${keyOf(c.text)}`).join('|');
  const status = useStore((s) => s.scoring);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scoredWith = useRef<typeof loaded>(null);

  useEffect(() => {
    if (!autoScore || !loaded) return;
    clearTimeout(timer.current);
    const delay = autoScoreDelayMs(scoredWith.current, loaded);
    scoredWith.current = loaded;
    timer.current = setTimeout(() => void scoreComparison(), delay);
    return () => clearTimeout(timer.current);
  }, [pendingKey, autoScore, loaded]);

  return (
    <div className="score-controls panel">
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!loaded}
          onClick={() => void scoreComparison(true)}
        >
          Score candidates
        </button>
        <label className="check">
          <input type="checkbox" checked={autoScore} onChange={(e) => setAutoScore(e.target.checked)} />
          Rescore after edits
        </label>
        <ShareButton />
      </div>
      {!loaded ? <p className="hint">Load a model to score.</p> : null}
      {status.busy ? (
        <ProgressBar
          label="Scoring progress"
          value={status.done}
          max={status.total}
          text={`${status.done}/${status.total} scored`}
        />
      ) : null}
      {status.error ? (
        <p className="error" role="alert">
          {status.error}
        </p>
      ) : null}
    </div>
  );
}
