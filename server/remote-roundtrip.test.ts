/**
 * Round trips with no fakes (issue 15): the project's own TEI and vLLM clients (src/engine/remote), pointed
 * at our running server, score the same candidates as the local engine with the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteModelSpec, ScoreInput } from '../src/core/types';
import { createTeiBackend, createVllmBackend } from '../src/engine/remote';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded, startTestServer, type TestServer } from './test-support';

const candidates: ScoreInput[] = [
  {
    conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
    response: 'The capital of France is Paris.',
  },
  {
    conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
    response: 'Google it pal.',
  },
  {
    conversation: {
      system: 'You are a terse assistant.',
      turns: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Name two prime numbers.' },
      ],
    },
    response: '2 and 3.',
  },
  {
    conversation: { turns: [{ role: 'user', content: 'Write a haiku about rain.' }] },
    response: 'Soft rain on the roof\nthe gutters hum a low song\nmorning smells of earth',
  },
];

describe.each(EMBEDDED)('%s: remote clients against our server', (name) => {
  let local: Model;
  let server: TestServer;
  let expected: Awaited<ReturnType<Model['score']>>;

  beforeAll(async () => {
    local = await loadEmbedded(name);
    // The vLLM client sends one request per input, 4 at a time: a long batching window puts them in one batch,
    // as the local call is, so padding (which moves fp32 sums in the last bits) is the same and numbers are equal.
    server = await startTestServer({ backend: local, modelId: name, batch: { maxWaitMs: 250 } });
    expected = await local.score(candidates);
  });
  afterAll(async () => {
    await server?.close();
    await local?.dispose();
  });

  const spec = (engine: RemoteModelSpec['engine']): RemoteModelSpec => ({
    kind: 'remote',
    engine,
    baseUrl: server.origin,
    model: name,
  });

  /** The same scores and named values as the local engine (labels by name: remote clients name them). */
  function expectSame(
    remote: Awaited<ReturnType<Model['score']>>,
    names: (local: string, i: number) => string,
  ) {
    expect(remote.map((r) => r.score)).toEqual(expected.map((r) => r.score));
    remote.forEach((r, k) => {
      const e = expected[k]!;
      const values = local.info.labels.length === 1 ? { reward: e.score } : e.attributes!;
      expect(r.attributes).toEqual(
        Object.fromEntries(local.info.labels.map((l, i) => [names(l, i), values[l]])),
      );
    });
  }

  it('TEI client: /info gives the labels and limit, /predict the engine’s numbers', async () => {
    const tei = await createTeiBackend(spec('tei'));
    expect(tei.info).toMatchObject({ id: name, maxLength: local.info.maxLength, labels: local.info.labels });
    expectSame(await tei.score(candidates), (l) => l);
  });

  it('vLLM client: /v1/models gives the limit, /classify the engine’s numbers (raw: use_activation false)', async () => {
    const vllm = await createVllmBackend(spec('vllm'));
    expect(vllm.info.maxLength).toBe(local.info.maxLength);
    const results = await vllm.score(candidates);
    // vLLM names outputs only by index.
    expectSame(results, (l, i) => (local.info.labels.length === 1 ? 'reward' : `LABEL_${i}`));
    expect(results.map((r) => r.tokenCount)).toEqual(expected.map((r) => r.tokenCount));
  });
});

describe('CORS on the engine routes (browsers calling TEI / vLLM / OpenRLHF shapes)', () => {
  const PAGE = 'http://localhost:5173';
  let local: Model;
  let server: TestServer;
  beforeAll(async () => {
    local = await loadEmbedded('tiny-bert-reward');
    server = await startTestServer({ backend: local, modelId: 'tiny-bert-reward', cors: [PAGE] });
  });
  afterAll(async () => {
    await server?.close();
    await local?.dispose();
  });

  it.each(['/predict', '/classify', '/score', '/get_reward', '/info', '/openapi.json'])(
    '%s: a preflight from an allowed page is allowed, from another page not',
    async (path) => {
      const preflight = (origin: string) =>
        fetch(`${server.origin}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
      const ok = await preflight(PAGE);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(PAGE);
      expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/content-type/);
      const other = await preflight('http://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('the reply to an allowed page carries its origin', async () => {
    const res = await fetch(`${server.origin}/predict`, {
      method: 'POST',
      headers: { origin: PAGE, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: ['Hi?', 'Hello!'], raw_scores: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
  });
});
