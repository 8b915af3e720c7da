/** A cli-progress bar on stderr (stdout stays clean for --json); silent when stderr is not a TTY. */
import cliProgress from 'cli-progress';

export interface Progress {
  increment(n: number): void;
  stop(): void;
}

export function startProgress(total: number, start: number, label: string, enabled: boolean): Progress {
  if (!enabled) return { increment: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted} elapsed | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, start);
  return { increment: (n) => bar.increment(n), stop: () => bar.stop() };
}
