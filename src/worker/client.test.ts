/**
 * The worker client against a worker API served over a MessageChannel in this thread (comlink, as in the
 * browser). The fault injected: a progress report sent after the call's result, which a proxied callback's own
 * port can deliver late. The in-thread engine never reports after a call settles; the client must not either.
 */
import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedModel, LoadOptions, ScoreOptions } from '../engine/contract';
import type { ScoreResult } from '../core/types';
import { WorkerEngine } from './client';
import type { WorkerApi } from './protocol';

type Report = (...args: unknown[]) => unknown;

/**
 * A worker API whose load and score report once before answering (awaited) and once after (not awaited); `late`
 * holds the late reports' round trips, which end once this thread has run (or dropped) them.
 */
function reportingLate(): { api: Partial<WorkerApi>; late: Promise<unknown>[] } {
  const late: Promise<unknown>[] = [];
  const twice = async <T>(onProgress: Report | undefined, early: unknown[], after: unknown[], result: T) => {
    await onProgress?.(...early);
    setTimeout(() => late.push(Promise.resolve(onProgress?.(...after)).catch(() => undefined)), 0);
    return result;
  };
  const api: Partial<WorkerApi> = {
    watchStages: () => undefined,
    cancel: () => undefined,
    load: (_spec, _options, _id, onProgress) =>
      twice(
        onProgress as Report | undefined,
        [{ kind: 'status', message: 'early' }],
        [{ kind: 'status', message: 'late' }],
        { handle: 'h1', id: 'fake' } as unknown as LoadedModel,
      ),
    score: (_handle, inputs, _options, _id, onProgress) =>
      twice(onProgress as Report | undefined, [1, 2], [2, 2], null).then(() =>
        inputs.map(() => ({ score: 0 }) as unknown as ScoreResult),
      ),
  };
  return { api, late };
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function engineOver(api: Partial<WorkerApi>): WorkerEngine {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(api, channel.port2 as unknown as Endpoint);
  return new WorkerEngine(channel.port1 as unknown as Worker);
}

/** Until the late report has made its round trip through this thread. */
async function lateDelivered(late: Promise<unknown>[]): Promise<void> {
  while (late.length === 0) await new Promise((r) => setTimeout(r, 5));
  await Promise.all(late);
}

describe('WorkerEngine progress reports', () => {
  it('load: none reaches the caller after the load has settled', async () => {
    const { api, late } = reportingLate();
    const engine = engineOver(api);
    const seen: string[] = [];
    let done = false;
    const onProgress: LoadOptions['onProgress'] = (p) =>
      void seen.push(`${p.kind === 'status' ? p.message : p.kind}${done ? ' (after the load)' : ''}`);
    const loaded = await engine.load(
      { kind: 'local', source: { type: 'embedded', name: 'x' }, dtype: 'q8', device: 'wasm' },
      { onProgress },
    );
    done = true;
    await lateDelivered(late);
    expect(loaded.handle).toBe('h1');
    expect(seen).toEqual(['early']);
  });

  it('score: none reaches the caller after the scores came back', async () => {
    const { api, late } = reportingLate();
    const engine = engineOver(api);
    const seen: string[] = [];
    let done = false;
    const onProgress: ScoreOptions['onProgress'] = (d, total) =>
      void seen.push(`${d}/${total}${done ? ' (after the scores)' : ''}`);
    const results = await engine.score(
      'h1',
      [{ conversation: { system: '', turns: [{ role: 'user', content: 'q' }] }, response: 'a' }],
      { onProgress },
    );
    done = true;
    await lateDelivered(late);
    expect(results).toHaveLength(1);
    expect(seen).toEqual(['1/2']);
  });
});
