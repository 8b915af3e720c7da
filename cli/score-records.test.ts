/**
 * Row errors stay with their rows; engine and connection failures stop the run instead, so resume can
 * still score those rows (found in review). The failing backends here are fault injection.
 */
import { describe, expect, it } from 'vitest';
import { RewardError } from '../src/core/errors';
import { parseDataset } from '../src/core/formats';
import type { ScoreInput, ScoreResult } from '../src/core/types';
import { type Model } from '../src/engine/contract';
import { scoreRecords } from './score-records';

const lines = [
  { prompt: 'a', chosen: 'good', rejected: 'bad' },
  { prompt: 'b', chosen: 'fine', rejected: 'TOO LONG' },
].map((r) => JSON.stringify(r));

function backend(fail: (inputs: ScoreInput[]) => RewardError | null): Model {
  return {
    warnings: [],
    info: {
      id: 'fault',
      family: 'remote',
      labels: ['reward'],
      defaultWeights: { reward: 1 },
      alpha: 1,
      maxLength: 10,
      backend: 'fault',
      dtype: 'remote',
      capabilities: { render: false, prefixCurve: false },
    },
    async score(inputs) {
      const e = fail(inputs);
      if (e) throw e;
      return inputs.map((i): ScoreResult => ({
        score: i.response.length,
        logits: [i.response.length],
        tokenCount: 1,
        truncated: false,
        backend: 'fault',
        dtype: 'remote',
        timingMs: 0,
      }));
    },
    render: async () => null,
    dispose: async () => undefined,
  };
}

describe('scoreRecords', () => {
  it('keeps a row-specific failure on its own row', async () => {
    const written: unknown[] = [];
    await scoreRecords(
      backend((inputs) =>
        inputs.some((i) => i.response === 'TOO LONG') ? new RewardError('input', 'too long') : null,
      ),
      parseDataset(lines.join('\n')).records,
      { chunkRows: 10, truncate: false, onChunk: (_r, scores) => void written.push(...scores) },
    );
    expect(written).toHaveLength(2);
    expect(JSON.stringify(written[0])).not.toContain('error');
    expect(JSON.stringify(written[1])).toContain('too long');
  });

  it('stops on a connection failure and writes nothing for the rows it could not score', async () => {
    const written: unknown[] = [];
    const run = scoreRecords(
      backend(() => new RewardError('network', 'Could not reach http://127.0.0.1:9/v1')),
      parseDataset(lines.join('\n')).records,
      { chunkRows: 1, truncate: true, onChunk: (_r, scores) => void written.push(...scores) },
    );
    await expect(run).rejects.toMatchObject({ code: 'network' });
    expect(written).toHaveLength(0);
  });
});
