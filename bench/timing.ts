/** Median wall time of `fn` over `runs` runs after `warmup` runs. */
export async function medianMs(fn: () => Promise<unknown>, runs = 15, warmup = 10): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}
