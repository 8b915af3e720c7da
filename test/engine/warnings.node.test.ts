/** A remote backend's standing warnings reach every result the engine returns (and so the UI). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ScoringEngine } from '../../src/engine/engine';
import { nodeRuntime } from '../../src/engine/node';
import { startFaultServer, type FaultServer } from '../support/fault-server';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
  server.script('GET /v1/models', { body: { object: 'list', data: [{ id: 'rm' }] } });
});
afterEach(() => server.close());

const reply = (value: number) => ({
  body: {
    object: 'list',
    data: [{ index: 0, label: 'LABEL_0', probs: [value], num_classes: 1 }],
    usage: { prompt_tokens: 9, total_tokens: 9 },
  },
});

it('probabilities from vLLM come back with a warning on each result', async () => {
  // The load's probe learns the outputs; the two scored inputs come after it.
  server.script('POST /classify', reply(2.5), reply(0.73), reply(0.2));
  const engine = new ScoringEngine(nodeRuntime);
  const info = await engine.load({ kind: 'remote', engine: 'vllm', baseUrl: server.url, model: 'rm' });
  const input = { conversation: { turns: [{ role: 'user' as const, content: 'Hi' }] }, response: 'Hello' };
  const results = await engine.score(info.handle, [input, input], {});
  expect(results.map((r) => r.score)).toEqual([0.73, 0.2]);
  for (const r of results) expect(r.warnings?.[0]).toMatch(/look like probabilities/);
});

it('raw rewards carry no warning', async () => {
  server.script('POST /classify', reply(3.5));
  const engine = new ScoringEngine(nodeRuntime);
  const info = await engine.load({ kind: 'remote', engine: 'vllm', baseUrl: server.url, model: 'rm' });
  const [r] = await engine.score(
    info.handle,
    [{ conversation: { turns: [{ role: 'user', content: 'Hi' }] }, response: 'Yo' }],
    {},
  );
  expect(r?.warnings).toBeUndefined();
});
