import { fmtPct } from './format';

/**
 * How likely a candidate is to beat the leader by the model's own Bradley–Terry probability, σ(Δ): the
 * leader's 50% fills the bar, a coin flip (48%) nearly fills it too, and only a difference the model can
 * tell apart leaves it short. Min–max scaled bars drew a 0.07 gap as full against empty.
 */
export function WinBar({ p, label, tooClose }: { p: number; label: string; tooClose: boolean }) {
  const pct = Math.round(Math.max(0.02, Math.min(1, 2 * p)) * 100);
  return (
    <div
      className="score-bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={50}
      aria-valuenow={Math.round(p * 1000) / 10}
      aria-valuetext={`${fmtPct(p)} chance to beat the leader${tooClose ? ', too close to call' : ''}`}
    >
      <div className={`score-bar-fill${tooClose ? ' close' : ''}`} style={{ width: `${pct}%` }} />
    </div>
  );
}
