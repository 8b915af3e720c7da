/**
 * Memory of Chromium's processes from /proc (Linux), by process type. RSS counts a page once in every process
 * that maps it (the binary, shared memory a download is handed through), so its sum over processes overstates
 * what the browser holds; PSS splits each shared page among its sharers and sums to the real total.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Every process id in /proc. */
const pids = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p));

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

/** `root` and every process below it (from each process's parent in /proc/<pid>/stat). */
function processTree(root: number): Set<string> {
  const children = new Map<string, string[]>();
  for (const pid of pids()) {
    try {
      // The parent is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!;
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([String(root)]);
  for (const pid of tree) for (const child of children.get(pid) ?? []) tree.add(child);
  return tree;
}

/**
 * One sample over the Chromium processes: those below `root` (the browser a bench launched, so another job's
 * browsers on the same machine do not count), or every process whose command line names Chromium.
 */
export function chromiumMemory(root?: number): MemorySample {
  const sample: MemorySample = { rssBytes: 0, pssBytes: 0, pssByType: {} };
  for (const pid of root ? processTree(root) : pids()) {
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
export function memorySampler(root?: number, ms = 100) {
  const baseline = chromiumMemory(root);
  let peak = baseline;
  let peakRss = baseline.rssBytes;
  const timer = setInterval(() => {
    const s = chromiumMemory(root);
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

/** The pid of the browser process launched with `flag` on its command line (its children do not carry it). */
export function browserPid(flag: string): number | undefined {
  for (const pid of pids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(flag) && !cmd.some((a) => a.startsWith('--type='))) return Number(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}
