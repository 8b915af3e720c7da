/**
 * Groups inputs into batches: sorted by length so padding is small, each batch within a token budget
 * (batch size × longest sequence) and a size cap. Returns index groups into the original order.
 */
export interface BatchPlanOptions {
  /** Max padded tokens per batch (rows × longest row). */
  tokenBudget: number;
  maxBatchSize: number;
}

export const DEFAULT_BATCH_PLAN: BatchPlanOptions = { tokenBudget: 8192, maxBatchSize: 32 };

export function planBatches(
  lengths: readonly number[],
  options: BatchPlanOptions = DEFAULT_BATCH_PLAN,
): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0) || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    const longest = lengths[index] ?? 0; // ascending order: the newcomer is the longest
    const wouldBe = (current.length + 1) * longest;
    if (current.length > 0 && (current.length >= options.maxBatchSize || wouldBe > options.tokenBudget)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
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
