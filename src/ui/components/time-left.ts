/**
 * A long run's time estimate: the time so far, scaled by the share of the work still to do. The share is
 * weighted by input length (run-batch.ts), so short inputs scored first do not make the estimate too hopeful.
 */
export function timeLeftText(elapsedMs: number, workDone: number): string {
  if (!(workDone > 0) || workDone >= 1 || elapsedMs <= 0) return '';
  const s = (elapsedMs * (1 - workDone)) / workDone / 1000;
  if (s < 10) return 'a few seconds left';
  if (s < 90) return `about ${Math.round(s / 5) * 5} s left`;
  return `about ${Math.round(s / 60)} min left`;
}
