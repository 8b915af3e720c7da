/**
 * The statistics behind the batch bias report, written for bootstrap resampling: every statistic takes a weight
 * per row (how many times the row was drawn), so one resample costs O(n) after a single sort, never a re-sort.
 * With all weights 1 each equals its textbook form (Spearman's ρ with average ranks, least squares, a
 * difference of means). No statistics library is a dependency of the project, hence these small functions.
 */
import { seededRandom } from '../random';

/** The rows' indices ordered by `values` (ascending), computed once per feature and reused for every resample. */
export function orderBy(values: ArrayLike<number>): Int32Array {
  const idx = Int32Array.from({ length: values.length }, (_, i) => i);
  return idx.sort((a, b) => values[a]! - values[b]!);
}

/**
 * Tie groups of `values` in ascending order: `groupOf[i]` is row i's group, equal values share one. Computed
 * once per feature; a resample's ranks then need one pass over the rows and one over the groups.
 */
export interface TieGroups {
  groupOf: Int32Array;
  groups: number;
}

export function tieGroups(values: ArrayLike<number>): TieGroups {
  const order = orderBy(values);
  const groupOf = new Int32Array(values.length);
  let g = -1;
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || values[order[k]!] !== values[order[k - 1]!]) g++;
    groupOf[order[k]!] = g;
  }
  return { groupOf, groups: g + 1 };
}

/**
 * Average ranks in a sample where row i appears `weights[i]` times: tied values share the mean of the ranks
 * they span. Rows of weight 0 are not in the sample (their rank is that of their group, and weighs nothing).
 */
export function weightedRanks(ties: TieGroups, weights: ArrayLike<number>): Float64Array {
  const { groupOf, groups } = ties;
  const groupWeight = new Float64Array(groups);
  for (let i = 0; i < groupOf.length; i++) groupWeight[groupOf[i]!]! += weights[i]!;
  const groupRank = new Float64Array(groups);
  let before = 0;
  for (let g = 0; g < groups; g++) {
    groupRank[g] = before + (groupWeight[g]! + 1) / 2;
    before += groupWeight[g]!;
  }
  const ranks = new Float64Array(groupOf.length);
  for (let i = 0; i < groupOf.length; i++) ranks[i] = groupRank[groupOf[i]!]!;
  return ranks;
}

/** Weighted centred sums (Σw·dx·dy, Σw·dx², Σw·dy²); null when fewer than two rows weigh in. */
function weightedMoments(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): { sxy: number; sxx: number; syy: number } | null {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights[i]!;
    sw += w;
    sx += w * x[i]!;
    sy += w * y[i]!;
  }
  if (sw < 2) return null;
  const mx = sx / sw;
  const my = sy / sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights[i]!;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  return { sxy, sxx, syy };
}

/** Weighted Pearson correlation; NaN when fewer than two rows weigh in or either side is constant. */
export function weightedPearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  const m = weightedMoments(x, y, weights);
  const denom = m ? Math.sqrt(m.sxx * m.syy) : 0;
  return m && denom !== 0 ? m.sxy / denom : NaN;
}

/** Spearman's ρ of the weighted sample: Pearson over average ranks. */
export function weightedSpearman(x: TieGroups, y: TieGroups, weights: ArrayLike<number>): number {
  return weightedPearson(weightedRanks(x, weights), weightedRanks(y, weights), weights);
}

/** Least-squares slope of y on x in the weighted sample; NaN when x is constant or fewer than two rows weigh in. */
export function weightedSlope(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  const m = weightedMoments(x, y, weights);
  return m && m.sxx !== 0 ? m.sxy / m.sxx : NaN;
}

/**
 * Mean score with the feature minus without it, within strata (prompts, or length bins), combined with
 * Cochran–Mantel–Haenszel weights (n_with·n_without / n per stratum): a stratum where only one side occurs
 * says nothing and weighs 0. Returns NaN when no stratum has both sides; `matched` counts the rows (by weight)
 * in strata that have both.
 */
export function stratifiedDifference(
  scores: ArrayLike<number>,
  has: ArrayLike<boolean>,
  stratum: ArrayLike<number>,
  strata: number,
  weights: ArrayLike<number>,
): { estimate: number; matched: number; matchedStrata: number } {
  const sumWith = new Float64Array(strata);
  const nWith = new Float64Array(strata);
  const sumWithout = new Float64Array(strata);
  const nWithout = new Float64Array(strata);
  for (let i = 0; i < scores.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const s = stratum[i]!;
    if (has[i]) {
      sumWith[s]! += w * scores[i]!;
      nWith[s]! += w;
    } else {
      sumWithout[s]! += w * scores[i]!;
      nWithout[s]! += w;
    }
  }
  let num = 0;
  let den = 0;
  let matched = 0;
  let matchedStrata = 0;
  for (let s = 0; s < strata; s++) {
    const a = nWith[s]!;
    const b = nWithout[s]!;
    if (a === 0 || b === 0) continue;
    const weight = (a * b) / (a + b);
    num += weight * (sumWith[s]! / a - sumWithout[s]! / b);
    den += weight;
    matched += a + b;
    matchedStrata++;
  }
  return { estimate: den === 0 ? NaN : num / den, matched, matchedStrata };
}

/**
 * Strata by length: `bins` bins with about equal counts (quantile edges), equal lengths always in one bin.
 * Returns each row's bin and how many bins there are.
 */
export function lengthBins(lengths: ArrayLike<number>, bins: number): { bin: Int32Array; count: number } {
  const order = orderBy(lengths);
  const bin = new Int32Array(lengths.length);
  const per = Math.max(1, Math.ceil(lengths.length / Math.max(1, bins)));
  let current = 0;
  let inBin = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const tiedWithPrevious = k > 0 && lengths[order[k - 1]!] === lengths[i];
    if (inBin >= per && !tiedWithPrevious) {
      current++;
      inBin = 0;
    }
    bin[i] = current;
    inBin++;
  }
  return { bin, count: order.length ? current + 1 : 0 };
}

/** A percentile bootstrap: the statistic on the data, and the 2.5 % and 97.5 % points of its resamples. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap over clusters (prompts): each resample draws `clusters` clusters with replacement and
 * weighs every row by how often its cluster was drawn; rows of one prompt are not independent, so they are
 * resampled together. `statistic(weights)` is evaluated on the data (all weights 1) and on each resample;
 * resamples where it is undefined (NaN) are dropped. Seeded, so a report is reproducible.
 */
export function clusterBootstrap(
  cluster: ArrayLike<number>,
  clusters: number,
  statistic: (weights: Float64Array) => number,
  options: { resamples: number; seed: number },
): Interval {
  const n = cluster.length;
  const estimate = statistic(new Float64Array(n).fill(1));
  if (!Number.isFinite(estimate) || clusters === 0) return { estimate, low: NaN, high: NaN };
  const random = seededRandom(options.seed);
  const drawn = new Float64Array(clusters);
  const weights = new Float64Array(n);
  const values: number[] = [];
  for (let b = 0; b < options.resamples; b++) {
    drawn.fill(0);
    for (let k = 0; k < clusters; k++) drawn[Math.floor(random() * clusters)]! += 1;
    for (let i = 0; i < n; i++) weights[i] = drawn[cluster[i]!]!;
    const v = statistic(weights);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return { estimate, low: NaN, high: NaN };
  values.sort((a, b) => a - b);
  return { estimate, low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

/** The q-quantile of sorted values, interpolating linearly between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
