/**
 * Groups inputs into batches: sorted by length so padding is small, each batch within a token budget
 * (batch size × longest sequence) and a size cap. Returns index groups into the original order.
 */
export interface BatchPlanOptions {
  /** Max padded tokens per batch (rows × longest row). */
  tokenBudget: number;
  maxBatchSize: number;
  /**
   * Padding a batch may carry, as a share of its padded size, before a longer input starts a new batch:
   * padded tokens cost as much compute as real ones, so mixing very different lengths loses to two runs.
   */
  maxPaddingShare: number;
  /** Padding always allowed (in tokens): below this, one more run costs more than the padding. */
  freePaddingTokens: number;
}

export const DEFAULT_BATCH_PLAN: BatchPlanOptions = {
  tokenBudget: 8192,
  maxBatchSize: 32,
  maxPaddingShare: 0.25,
  freePaddingTokens: 64,
};

export function planBatches(lengths: readonly number[], options: Partial<BatchPlanOptions> = {}): number[][] {
  const o = { ...DEFAULT_BATCH_PLAN, ...options };
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0) || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let realTokens = 0;
  for (const index of order) {
    const length = lengths[index] ?? 0; // ascending order: the newcomer is the longest
    const padded = (current.length + 1) * length;
    const padding = padded - (realTokens + length);
    const tooMuchPadding = padding > Math.max(o.freePaddingTokens, o.maxPaddingShare * padded);
    if (
      current.length > 0 &&
      (current.length >= o.maxBatchSize || padded > o.tokenBudget || tooMuchPadding)
    ) {
      batches.push(current);
      current = [];
      realTokens = 0;
    }
    current.push(index);
    realTokens += length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Pads rows on the right to one length; returns flat int64 data plus the mask. */
export function padRight(
  rows: readonly (readonly number[])[],
  padId: number,
): { ids: BigInt64Array; mask: BigInt64Array; width: number } {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => {
    row.forEach((id, c) => {
      ids[r * width + c] = BigInt(id);
      mask[r * width + c] = 1n;
    });
  });
  return { ids, mask, width };
}
