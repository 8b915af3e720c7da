/**
 * The diverging colour scale of attributions: blue where a unit raised the reward, orange where the reward rises
 * without it (a colour-blind-safe pair), transparent at zero, symmetric around 0 so equal magnitudes look equal.
 */

/** RGB of the two ends. */
export const RAISED = [33, 102, 172] as const;
export const LOWERED = [217, 95, 2] as const;
/** The most opaque a unit gets, so the text stays readable in both themes. */
const MAX_ALPHA = 0.6;

/** The background of a unit with attribution `value` on a scale of ±`max`. */
export function attributionColor(value: number, max: number): string {
  if (!Number.isFinite(value) || max <= 0 || value === 0) return 'transparent';
  const [r, g, b] = value > 0 ? RAISED : LOWERED;
  const alpha = Math.min(1, Math.abs(value) / max) * MAX_ALPHA;
  return `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`;
}

/** The legend's gradient, from −max (left) through 0 to +max (right). */
export function legendGradient(): string {
  const [r1, g1, b1] = LOWERED;
  const [r2, g2, b2] = RAISED;
  return `linear-gradient(to right, rgba(${r1}, ${g1}, ${b1}, ${MAX_ALPHA}), transparent, rgba(${r2}, ${g2}, ${b2}, ${MAX_ALPHA}))`;
}

/** A signed value for labels: "+0.123" / "−0.045". */
export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `−${text.replace(/^-/, '')}` : text;
}
