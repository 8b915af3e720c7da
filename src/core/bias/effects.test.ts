import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { pearson, spearman } from '../stats';
import {
  clusterBootstrap,
  lengthBins,
  quantile,
  stratifiedDifference,
  weightedPearson,
  weightedRanks,
  weightedSlope,
  weightedSpearman,
  tieGroups,
} from './effects';

const ones = (n: number) => new Float64Array(n).fill(1);

describe('weighted statistics', () => {
  const random = seededRandom(7);
  // Rounded, so there are ties.
  const x = Array.from({ length: 40 }, () => Math.round(random() * 10));
  const y = x.map((v) => Math.round(v + random() * 6));

  it('with all weights 1 equal the textbook Spearman ρ and Pearson r (ties included)', () => {
    expect(weightedSpearman(tieGroups(x), tieGroups(y), ones(40))).toBeCloseTo(spearman(x, y), 12);
    expect(weightedPearson(x, y, ones(40))).toBeCloseTo(pearson(x, y), 12);
  });

  it('a weight of k equals the row repeated k times; a weight of 0 leaves it out', () => {
    const w = Float64Array.from(x, (_, i) => i % 3);
    const xs = x.flatMap((v, i) => Array<number>(i % 3).fill(v));
    const ys = y.flatMap((v, i) => Array<number>(i % 3).fill(v));
    expect(weightedSpearman(tieGroups(x), tieGroups(y), w)).toBeCloseTo(spearman(xs, ys), 12);
    // 3 is drawn 0 times: the 5s rank 2 and 3 (mean 2.5) in the sample {1, 5, 5}; 3 weighs nothing.
    expect(Array.from(weightedRanks(tieGroups([5, 1, 5, 3]), [1, 1, 1, 0]))).toEqual([2.5, 1, 2.5, 1.5]);
  });

  it('fits the least-squares slope', () => {
    expect(weightedSlope([0, 1, 2, 3], [1, 3, 5, 7], ones(4))).toBeCloseTo(2, 12);
    expect(weightedSlope([1, 1, 1], [1, 2, 3], ones(3))).toBeNaN();
  });
});

describe('stratifiedDifference', () => {
  it('averages within-stratum differences with CMH weights and ignores one-sided strata', () => {
    // Stratum 0: with 10, without 0 (diff 10, weight 1·1/2); stratum 1: with 4 and 6, without 2 (diff 3, weight 2·1/3);
    // stratum 2: only "with" — says nothing.
    const scores = [10, 0, 4, 6, 2, 100];
    const has = [true, false, true, true, false, true];
    const stratum = [0, 0, 1, 1, 1, 2];
    const r = stratifiedDifference(scores, has, stratum, 3, ones(6));
    expect(r.estimate).toBeCloseTo((0.5 * 10 + (2 / 3) * 3) / (0.5 + 2 / 3), 12);
    expect(r.matched).toBe(5);
    expect(r.matchedStrata).toBe(2);
    expect(stratifiedDifference([1, 2], [true, true], [0, 0], 1, ones(2)).estimate).toBeNaN();
  });
});

describe('lengthBins', () => {
  it('cuts about equal bins by length and never splits equal lengths', () => {
    const { bin, count } = lengthBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(count).toBe(5);
    expect(Array.from(bin)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const tied = lengthBins([1, 5, 5, 5, 5, 9], 3);
    expect(new Set([1, 2, 3, 4].map((i) => tied.bin[i])).size).toBe(1);
  });
});

describe('clusterBootstrap', () => {
  const random = seededRandom(3);
  const values = Array.from({ length: 200 }, () => random());
  const cluster = Int32Array.from(values, (_, i) => i);
  const mean = (w: Float64Array) => {
    let s = 0;
    let n = 0;
    w.forEach((wi, i) => ((s += wi * values[i]!), (n += wi)));
    return s / n;
  };

  it('is reproducible with a seed and brackets the estimate by about ±1.96 standard errors', () => {
    const a = clusterBootstrap(cluster, 200, mean, { resamples: 500, seed: 1 });
    const b = clusterBootstrap(cluster, 200, mean, { resamples: 500, seed: 1 });
    const c = clusterBootstrap(cluster, 200, mean, { resamples: 500, seed: 2 });
    expect(a).toEqual(b);
    expect(c.low).not.toBe(a.low);
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    // Uniform(0,1): sd ≈ 0.289, so the 95 % half-width for n = 200 is about 1.96 · 0.289 / √200 ≈ 0.04.
    expect((a.high - a.low) / 2).toBeGreaterThan(0.03);
    expect((a.high - a.low) / 2).toBeLessThan(0.05);
  });

  it('resamples whole clusters: rows of one cluster are drawn together', () => {
    // Two clusters of identical rows: every resample is all-0, all-1 or half and half.
    const seen = new Set<number>();
    clusterBootstrap(
      [0, 0, 1, 1],
      2,
      (w) => {
        seen.add(w[0]! === w[1]! && w[2]! === w[3]! ? 1 : 0);
        return 0;
      },
      { resamples: 50, seed: 1 },
    );
    expect([...seen]).toEqual([1]);
  });

  it('has no interval when the statistic is undefined', () => {
    const r = clusterBootstrap([0, 1], 2, () => NaN, { resamples: 10, seed: 1 });
    expect(r.estimate).toBeNaN();
    expect(r.low).toBeNaN();
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([4], 0.975)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
