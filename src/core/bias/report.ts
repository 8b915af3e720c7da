/**
 * The batch bias report (issue 26, item 4): how a file's scores move with surface features of the responses.
 * Continuous features (length, restating the question) as Spearman's ρ; binary ones (lists, headers, code,
 * bold, refusals, apologies, hedges) as a matched difference of mean scores — within prompt when the file has
 * several responses per prompt, else within length bins — each with a seeded cluster-bootstrap 95 % interval.
 */
import {
  BINARY_FEATURES,
  CONTINUOUS_FEATURES,
  characterCount,
  restateOverlap,
  type BiasFeature,
} from './features';
import {
  clusterBootstrap,
  lengthBins,
  stratifiedDifference,
  tieGroups,
  weightedSlope,
  weightedSpearman,
  type Interval,
} from './effects';

/** One scored response: the prompt it answers (the last user turn), its text, its score and its prompt group. */
export interface BiasRow {
  prompt: string;
  response: string;
  score: number;
  /** Responses with the same group answer the same conversation (they are compared with each other). */
  group: string;
}

export type BiasMethod = 'spearman' | 'within-prompt' | 'length-bins';

export interface BiasEffect extends Interval {
  feature: BiasFeature;
  label: string;
  /** `correlation`: Spearman's ρ; `difference`: mean score with the feature minus without it. */
  kind: 'correlation' | 'difference';
  method: BiasMethod;
  /**
   * The n behind the number: responses (correlation), prompts that have responses with and without the
   * feature (within-prompt), or responses in length bins that have both (length-bins).
   */
  n: number;
  /** Responses with the feature (binary features); with fewer than 5 (or 5 without), no interval is given. */
  present?: number;
  /** Length only: the least-squares change in score per 100 characters, with its interval. */
  per100Chars?: Interval;
}

export interface BiasReport {
  /** Scored responses the report is built on, and the prompts (groups) they answer. */
  responses: number;
  prompts: number;
  /** True when at least half the responses share their prompt with another: differences are matched within prompt. */
  severalPerPrompt: boolean;
  resamples: number;
  seed: number;
  effects: BiasEffect[];
}

export interface BiasOptions {
  /** Bootstrap resamples (default 1000), fewer for large files: see `maxResampledRows`. */
  resamples?: number;
  /**
   * Resamples × responses at most (default 4 000 000), so a file of 40 000 responses gets 100 resamples and
   * the report stays within a second or two; never fewer than 100.
   */
  maxResampledRows?: number;
  /** Bootstrap seed (default 26). */
  seed?: number;
  /** Length bins for the unmatched comparison (default 5). */
  lengthBins?: number;
  /** Fewest matched prompts for the within-prompt comparison; with fewer, length bins are used (default 5). */
  minMatchedPrompts?: number;
  /**
   * Fewest responses with, and without, a binary feature for an interval (default 5): a bootstrap over one or
   * two responses with the feature gives an interval far narrower than what is known.
   */
  minPerSide?: number;
}

export const DEFAULT_BIAS_OPTIONS: Required<BiasOptions> = {
  resamples: 1000,
  maxResampledRows: 4_000_000,
  seed: 26,
  lengthBins: 5,
  minMatchedPrompts: 5,
  minPerSide: 5,
};

export function biasReport(rows: readonly BiasRow[], options: BiasOptions = {}): BiasReport {
  const o = { ...DEFAULT_BIAS_OPTIONS, ...options };
  const n = rows.length;
  const resamples = Math.min(o.resamples, Math.max(100, Math.floor(o.maxResampledRows / Math.max(1, n))));
  const groupIds = new Map<string, number>();
  const cluster = new Int32Array(n);
  rows.forEach((r, i) => {
    let g = groupIds.get(r.group);
    if (g === undefined) groupIds.set(r.group, (g = groupIds.size));
    cluster[i] = g;
  });
  const prompts = groupIds.size;
  const groupSize = new Int32Array(prompts);
  for (const g of cluster) groupSize[g]!++;
  const shared = Array.from(cluster).filter((g) => groupSize[g]! > 1).length;
  const severalPerPrompt = n > 0 && shared * 2 >= n;

  const scores = Float64Array.from(rows, (r) => r.score);
  const lengths = Float64Array.from(rows, (r) => characterCount(r.response));
  const restate = Float64Array.from(rows, (r) => restateOverlap(r.prompt, r.response));
  const scoreTies = tieGroups(scores);
  const boot = (statistic: (w: Float64Array) => number, salt: number) =>
    clusterBootstrap(cluster, prompts, statistic, { resamples, seed: o.seed + salt });

  const effects: BiasEffect[] = [];
  const continuous: Record<(typeof CONTINUOUS_FEATURES)[number]['id'], Float64Array> = {
    length: lengths,
    restate,
  };
  CONTINUOUS_FEATURES.forEach(({ id, label }, k) => {
    const x = continuous[id];
    const ties = tieGroups(x);
    const rho = boot((w) => weightedSpearman(ties, scoreTies, w), k);
    const effect: BiasEffect = { feature: id, label, kind: 'correlation', method: 'spearman', n, ...rho };
    if (id === 'length') effect.per100Chars = boot((w) => 100 * weightedSlope(x, scores, w), 100 + k);
    effects.push(effect);
  });

  const bins = lengthBins(lengths, o.lengthBins);
  BINARY_FEATURES.forEach(({ id, label, has }, k) => {
    const flags = rows.map((r) => has(r.response));
    const present = flags.filter(Boolean).length;
    const withinPrompt = severalPerPrompt
      ? stratifiedDifference(scores, flags, cluster, prompts, new Float64Array(n).fill(1))
      : null;
    const byPrompt = withinPrompt !== null && withinPrompt.matchedStrata >= o.minMatchedPrompts;
    const stratum = byPrompt ? cluster : bins.bin;
    const strata = byPrompt ? prompts : bins.count;
    const full = stratifiedDifference(scores, flags, stratum, strata, new Float64Array(n).fill(1));
    const diff = boot((w) => stratifiedDifference(scores, flags, stratum, strata, w).estimate, 10 + k);
    if (present < o.minPerSide || n - present < o.minPerSide) diff.low = diff.high = NaN;
    effects.push({
      feature: id,
      label,
      kind: 'difference',
      method: byPrompt ? 'within-prompt' : 'length-bins',
      n: byPrompt ? full.matchedStrata : full.matched,
      present,
      ...diff,
    });
  });
  return { responses: n, prompts, severalPerPrompt, resamples, seed: o.seed, effects };
}
