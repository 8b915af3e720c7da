/**
 * Memory of Chromium's processes from /proc (Linux), by process type. RSS counts a page once in every process
 * that maps it (the binary, shared memory a download is handed through), so its sum over processes overstates
 * what the browser holds; PSS splits each shared page among its sharers and sums to the real total.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySample {
  rssBytes: number;
  pssBytes: number;
  /** PSS by process type: browser, renderer, gpu-process, network, storage, utility, other. */
  pssByType: Record<string, number>;
}

function processType(cmdline: string): string {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'utility') {
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1] ?? '';
    if (sub.includes('NetworkService')) return 'network';
    if (sub.includes('StorageService')) return 'storage';
    return 'utility';
  }
  return type;
}

/** One sample over every process whose command line names Chromium. */
export function chromiumMemory(): MemorySample {
  const sample: MemorySample = { rssBytes: 0, pssBytes: 0, pssByType: {} };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmd.includes('chromium')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const rss = Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      const pss = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      const type = processType(cmd);
      sample.rssBytes += rss;
      sample.pssBytes += pss;
      sample.pssByType[type] = (sample.pssByType[type] ?? 0) + pss;
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return sample;
}

/** Samples every `ms` until stopped; keeps the sample with the largest PSS and the largest RSS sum seen. */
export function memorySampler(ms = 100) {
  const baseline = chromiumMemory();
  let peak = baseline;
  let peakRss = baseline.rssBytes;
  const timer = setInterval(() => {
    const s = chromiumMemory();
    if (s.pssBytes > peak.pssBytes) peak = s;
    peakRss = Math.max(peakRss, s.rssBytes);
  }, ms);
  return {
    /** The peak above the baseline taken when the sampler started: PSS in all, by type, and the RSS sum. */
    stop() {
      clearInterval(timer);
      const byType: Record<string, number> = {};
      for (const [type, bytes] of Object.entries(peak.pssByType)) {
        byType[type] = bytes - (baseline.pssByType[type] ?? 0);
      }
      return {
        pssBytes: peak.pssBytes - baseline.pssBytes,
        rssBytes: peakRss - baseline.rssBytes,
        pssByType: byType,
      };
    },
  };
}
