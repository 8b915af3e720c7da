import { fmtPct } from './format';

/**
 * How likely a candidate is to beat the leader by the model's own Bradley–Terry probability, σ(Δ). The bar fills
 * to that probability on a 0–100% track (a 47% bar fills 47%), with a mark at 50%: the leader's own 50%, a coin
 * flip. Min–max scaled bars drew a 0.07 gap as full against empty.
 */
export function WinBar({ p, label, tooClose }: { p: number; label: string; tooClose: boolean }) {
  const pct = Math.round(Math.max(0.01, Math.min(1, p)) * 1000) / 10;
  return (
    <div
      className="score-bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(p * 1000) / 10}
      aria-valuetext={`${fmtPct(p)} chance to beat the leader${tooClose ? ', too close to call' : ''}`}
      title={`σ(Δ) vs the leader: ${fmtPct(p)} — the bar fills to this probability; the mark is 50%, a coin flip (the leader's own value)`}
    >
      <div className={`score-bar-fill${tooClose ? ' close' : ''}`} style={{ width: `${pct}%` }} />
    </div>
  );
}
