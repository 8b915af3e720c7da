/** A horizontal bar placing `value` between `min` and `max` of the scores it is compared with. */
export function ScoreBar({
  value,
  min,
  max,
  label,
}: {
  value: number;
  min: number;
  max: number;
  label: string;
}) {
  const span = max - min;
  // With one score (or all equal) the bar is full: there is nothing to compare it with.
  const fraction = span > 0 ? (value - min) / span : 1;
  const pct = Math.round(Math.max(0.03, Math.min(1, fraction)) * 100);
  return (
    <div
      className="score-bar"
      role="meter"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={value.toFixed(3)}
    >
      <div className="score-bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
