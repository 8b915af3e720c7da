/** A labelled progress bar; `max` 0 means the total is unknown (indeterminate). */
export function ProgressBar({
  value,
  max,
  label,
  text,
}: {
  value: number;
  max: number;
  label: string;
  text?: string;
}) {
  return (
    <div className="progress">
      <progress aria-label={label} value={max > 0 ? value : undefined} max={max > 0 ? max : undefined} />
      {text ? <span className="progress-text">{text}</span> : null}
    </div>
  );
}
