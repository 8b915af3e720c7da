/**
 * Dynamic batching across concurrent requests: items wait up to `maxWaitMs` (or until
 * `maxBatchSize` are waiting) and are then handed to one `run()` call, so the model does one
 * forward pass for many HTTP requests. One batch runs at a time (the model already uses every
 * core); while it runs, the next batch gathers. A bounded queue turns overload into a fast
 * RewardError('rate_limited') (HTTP 429) instead of unbounded latency.
 */
import { RewardError } from '../src/core/errors';

export interface BatchOptions {
  /** Largest batch handed to `run` (1 = batching off). */
  maxBatchSize: number;
  /** How long the first waiting item may wait for company. */
  maxWaitMs: number;
  /** Items allowed to wait (not counting the running batch) before submit() rejects. */
  maxQueue: number;
}

/** The server's batching when `serve` is given no flags (docs/architecture.md, 'Reward server'). */
export const DEFAULT_BATCH: BatchOptions = { maxBatchSize: 32, maxWaitMs: 2, maxQueue: 1024 };

export interface BatcherOptions<I, O> extends BatchOptions {
  /** Scores a batch; must return one output per item, in order. */
  run: (items: I[]) => Promise<O[]>;
}

interface Pending<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export interface BatcherStats {
  queued: number;
  running: number;
  batches: number;
  items: number;
  rejected: number;
}

export class DynamicBatcher<I, O> {
  private readonly queue: Pending<I, O>[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly counters = { batches: 0, items: 0, rejected: 0 };

  constructor(private readonly opts: BatcherOptions<I, O>) {
    if (!(opts.maxBatchSize >= 1)) throw new RangeError('maxBatchSize must be at least 1');
    if (!(opts.maxQueue >= 1)) throw new RangeError('maxQueue must be at least 1');
  }

  submit(item: I): Promise<O> {
    if (this.queue.length >= this.opts.maxQueue) {
      this.counters.rejected++;
      return Promise.reject(
        new RewardError(
          'rate_limited',
          `Server is busy: ${this.queue.length} requests are already waiting (queue limit ${this.opts.maxQueue}). Retry shortly.`,
        ),
      );
    }
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  stats(): BatcherStats {
    return { queued: this.queue.length, running: this.running, ...this.counters };
  }

  private schedule(): void {
    if (this.running > 0) return; // the finishing batch calls schedule() again
    if (this.queue.length >= this.opts.maxBatchSize || this.opts.maxWaitMs <= 0) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.opts.maxWaitMs);
    }
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running > 0 || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.maxBatchSize);
    this.running = batch.length;
    this.counters.batches++;
    this.counters.items += batch.length;
    void this.execute(batch).finally(() => {
      this.running = 0;
      // Items that arrived during the run have already waited: send them on at once.
      if (this.queue.length) this.flush();
    });
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    try {
      const out = await this.opts.run(batch.map((p) => p.item));
      if (out.length !== batch.length)
        throw new Error(`batch returned ${out.length} results for ${batch.length} inputs`);
      batch.forEach((p, i) => p.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One bad item (e.g. too long with truncation off) must not fail its neighbours: retry one by one.
      for (const p of batch) {
        let out: O[];
        try {
          out = await this.opts.run([p.item]);
        } catch (e) {
          p.reject(e);
          continue;
        }
        if (out.length === 1) p.resolve(out[0]!);
        else p.reject(new Error(`batch returned ${out.length} results for 1 input`));
      }
    }
  }
}
