import { RewardError } from './errors';

function sameLength(a: readonly number[], b: readonly number[], what: string): void {
  if (a.length !== b.length) {
    throw new RewardError(
      'input',
      `${what} needs two lists of the same length (got ${a.length} and ${b.length}).`,
    );
  }
}

/**
 * Kendall's τ-b between two score lists for the same items (rank agreement, ties handled).
 * NaN when it is undefined: fewer than two items, or one list is constant.
 */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  sameLength(a, b, 'Kendall τ');
  let concordant = 0;
  let discordant = 0;
  let tiesA = 0; // pairs tied in a only
  let tiesB = 0; // pairs tied in b only
  const n = a.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      if (da === 0 && db === 0) continue;
      if (da === 0) tiesA++;
      else if (db === 0) tiesB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
  return denom === 0 ? NaN : (concordant - discordant) / denom;
}

/** Largest |a_i − b_i| (0 for empty lists). */
export function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  sameLength(a, b, 'Max difference');
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Pearson correlation; NaN when undefined (fewer than two points or zero variance). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'Pearson correlation');
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const denom = Math.sqrt(sxx * syy);
  return denom === 0 ? NaN : sxy / denom;
}

/** 1-based ranks, ascending; ties get the average of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((p, q) => p.v - q.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const avg = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = avg;
    start = end + 1;
  }
  return ranks;
}

/** Spearman correlation: Pearson over average ranks (ties handled). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  sameLength(x, y, 'Spearman correlation');
  return pearson(averageRanks(x), averageRanks(y));
}

/** A scored pair; lengths are only needed for length-controlled accuracy. */
export interface ScoredPair {
  chosen: number;
  rejected: number;
  subset?: string;
  chosenLength?: number;
  rejectedLength?: number;
}

/**
 * Pairwise accuracy as RewardBench counts it: a pair is correct only when chosen scores strictly above
 * rejected. Ties count as wrong in `accuracy` and are reported in `ties`; pairs with a non-finite score
 * are left out and counted in `skipped`.
 */
export interface AccuracySummary {
  /** Pairs counted (finite scores). */
  n: number;
  correct: number;
  ties: number;
  skipped: number;
  /** correct / n; NaN when n = 0. */
  accuracy: number;
}

export function accuracyOf(pairs: readonly ScoredPair[]): AccuracySummary {
  let n = 0;
  let correct = 0;
  let ties = 0;
  let skipped = 0;
  for (const p of pairs) {
    if (!Number.isFinite(p.chosen) || !Number.isFinite(p.rejected)) {
      skipped++;
      continue;
    }
    n++;
    if (p.chosen > p.rejected) correct++;
    else if (p.chosen === p.rejected) ties++;
  }
  return { n, correct, ties, skipped, accuracy: n === 0 ? NaN : correct / n };
}

/** Accuracy over all pairs and per subset (pairs without a subset go under "(none)"). */
export function pairwiseAccuracy(pairs: readonly ScoredPair[]): {
  overall: AccuracySummary;
  bySubset: Record<string, AccuracySummary>;
} {
  const groups = new Map<string, ScoredPair[]>();
  for (const p of pairs) {
    const key = p.subset ?? '(none)';
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const bySubset: Record<string, AccuracySummary> = {};
  for (const [key, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    bySubset[key] = accuracyOf(list);
  }
  return { overall: accuracyOf(pairs), bySubset };
}

/**
 * Length-controlled accuracy: accuracy separately on pairs where chosen is longer and where it is shorter,
 * and their mean (NaN when either group is empty), so a model that just prefers long answers shows up.
 * Equal-length pairs and pairs without lengths are counted in `equalLength` / `unknownLength`.
 */
export function lengthControlledAccuracy(pairs: readonly ScoredPair[]): {
  chosenLonger: AccuracySummary;
  chosenShorter: AccuracySummary;
  equalLength: number;
  unknownLength: number;
  mean: number;
} {
  const longer: ScoredPair[] = [];
  const shorter: ScoredPair[] = [];
  let equalLength = 0;
  let unknownLength = 0;
  for (const p of pairs) {
    if (p.chosenLength === undefined || p.rejectedLength === undefined) unknownLength++;
    else if (p.chosenLength > p.rejectedLength) longer.push(p);
    else if (p.chosenLength < p.rejectedLength) shorter.push(p);
    else equalLength++;
  }
  const chosenLonger = accuracyOf(longer);
  const chosenShorter = accuracyOf(shorter);
  return {
    chosenLonger,
    chosenShorter,
    equalLength,
    unknownLength,
    mean: (chosenLonger.accuracy + chosenShorter.accuracy) / 2,
  };
}
