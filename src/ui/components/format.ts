/** Number and size formatting shared by the views. */
export function fmtScore(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(1);
  if (a >= 1 || a === 0) return x.toFixed(3);
  // Small values keep three significant digits, so tiny gaps do not all read "0.000".
  return x.toPrecision(3);
}

export function fmtPct(p: number): string {
  return `${(p * 100).toFixed(p > 0.995 || p < 0.005 ? 1 : 0)}%`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
