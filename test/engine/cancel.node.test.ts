/** Scoring stops between batches when cancelled, reports progress, and names the cancellation. */
import { describe, expect, it } from 'vitest';
import { RewardError } from '../../src/core/errors';
import { loadBackendWith } from '../../src/engine/load-backend';
import { ScoringEngine } from '../../src/engine/engine';
import { nodeRuntime } from '../../src/engine/node';
import { candidates } from '../../bench/inputs';

describe('cancellation and progress', () => {
  it('a cancelled request stops after the batch in flight', async () => {
    const backend = await loadBackendWith(nodeRuntime, {
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-llama-reward' },
      dtype: 'q8',
      device: 'cpu',
    });
    const controller = new AbortController();
    const progress: number[] = [];
    // Varied lengths force several batches; abort as soon as the first one lands.
    const inputs = Array.from({ length: 6 }, (_, k) => candidates(40).slice(k * 5, k * 5 + 5)).flat();
    const run = backend.score(inputs, {
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(progress.length).toBe(1);
    expect(progress[0]).toBeLessThan(inputs.length);
    await backend.dispose();
  });

  it("the engine stops a call when the caller's signal aborts, and keeps serving afterwards", async () => {
    const engine = new ScoringEngine(nodeRuntime);
    const info = await engine.load({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-bert-reward' },
      dtype: 'q8',
      device: 'cpu',
    });
    const inputs = candidates(40);
    const controller = new AbortController();
    let cancelled: unknown;
    await engine
      .score(info.handle, inputs, { signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => (cancelled = e));
    expect(cancelled).toBeInstanceOf(RewardError);
    expect((cancelled as RewardError).message).toBe('Scoring was cancelled.');
    const again = await engine.score(info.handle, inputs.slice(0, 2));
    expect(again).toHaveLength(2);
    const curve = await engine.prefixCurve(info.handle, inputs[3]!, { maxPoints: 8 });
    expect(curve.scores).toHaveLength(curve.tokenCounts.length);
    expect(curve.tokenCounts.at(-1)).toBeGreaterThan(curve.tokenCounts[0]!);
  });
});
