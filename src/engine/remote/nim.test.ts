import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer, type RecordedRequest } from '../../../test/support/fault-server';
import { RewardError } from '../../core/errors';
import { buildChatCompletion, type NamedScore } from '../../core/nim';
import type { RemoteModelSpec, ScoreInput } from '../../core/types';
import type { LoadProgress } from '../contract';
import { createNimBackend } from './nim';

let server: FaultServer;
let spec: RemoteModelSpec;

const ATTRS = ['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'];

/** A fake attribute model: helpfulness = response length, the others fixed. */
function attributeReply(req: RecordedRequest) {
  const { messages } = req.body as { messages: { role: string; content: string }[] };
  const response = messages.at(-1)!.content;
  const scores: NamedScore[] = ATTRS.map((name, i) => ({
    name,
    value: name === 'helpfulness' ? response.length : i,
  }));
  return { body: buildChatCompletion({ id: 'x', model: 'rm', scores, promptTokens: messages.length * 10 }) };
}

function input(response: string, system?: string): ScoreInput {
  return { conversation: { system, turns: [{ role: 'user', content: 'Tell me a joke.' }] }, response };
}

beforeEach(async () => {
  server = await startFaultServer();
  server.script('GET /v1/models', { body: { object: 'list', data: [{ id: 'other' }, { id: 'nvidia/rm' }] } });
  spec = { kind: 'remote', engine: 'nim', baseUrl: `${server.url}/v1`, model: 'nvidia/rm', apiKey: 'k' };
});
afterEach(() => server.close());

describe('NIM backend', () => {
  it('sends the NIM request and reads attribute replies, in input order', async () => {
    // Shorter responses answer later, so completion order differs from input order.
    server.script('POST /v1/chat/completions', (req) => {
      const step = attributeReply(req);
      return { ...step, delayMs: 80 - 20 * step.body.choices[0].logprobs.content[0]!.logprob };
    });
    const backend = await createNimBackend(spec);
    const progress: number[] = [];
    const results = await backend.score([input('a'), input('abc', 'Be funny.'), input('ab')], {
      onProgress: (done) => progress.push(done),
    });
    expect(results.map((r) => r.score)).toEqual([1, 3, 2]); // default weights: helpfulness only
    expect(results[1]!.attributes).toEqual({
      helpfulness: 3,
      correctness: 1,
      coherence: 2,
      complexity: 3,
      verbosity: 4,
    });
    expect(results[1]!.logits).toEqual([3, 1, 2, 3, 4]);
    expect(results[1]!.tokenCount).toBe(30);
    expect(results[0]!.tokenCount).toBe(20);
    expect(progress).toEqual([1, 2, 3]);
    expect(backend.info.labels).toEqual(ATTRS);
    expect(backend.info.defaultWeights).toEqual({ helpfulness: 1 });
    expect(backend.info).toMatchObject({ id: 'nvidia/rm', maxLength: 4096, alpha: 1 });

    // One probe at load (outputs known before anything is scored), then one per input.
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(4);
    const withSystem = posts.find((r) => (r.body as { messages: unknown[] }).messages.length === 3)!;
    expect(withSystem.body).toEqual({
      model: 'nvidia/rm',
      messages: [
        { role: 'system', content: 'Be funny.' },
        { role: 'user', content: 'Tell me a joke.' },
        { role: 'assistant', content: 'abc' },
      ],
    });
    expect(withSystem.headers.authorization).toBe('Bearer k');
  });

  it("knows the model's outputs when load returns: one probe request names them", async () => {
    server.script('POST /v1/chat/completions', attributeReply);
    const events: LoadProgress[] = [];
    const backend = await createNimBackend(spec, { onProgress: (p) => events.push(p) });
    expect(backend.info.labels).toEqual(ATTRS);
    expect(backend.info.defaultWeights).toEqual({ helpfulness: 1 });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(events.map((e) => (e.kind === 'status' ? e.message : ''))).toContainEqual(
      expect.stringMatching(/probe input .* to learn the model's outputs/),
    );
  });

  it('a probe the server refuses fails the load with that reason', async () => {
    server.script('POST /v1/chat/completions', { status: 401, body: 'bad key' });
    await expect(createNimBackend(spec)).rejects.toMatchObject({ code: 'auth' });
  });

  it('applies caller weights (missing names weigh 0)', async () => {
    server.script('POST /v1/chat/completions', attributeReply);
    const backend = await createNimBackend(spec);
    const [r] = await backend.score([input('abcd')], {
      weights: { helpfulness: 0.5, verbosity: -1, unknown: 9 },
    });
    expect(r!.score).toBeCloseTo(0.5 * 4 - 4);
  });

  it('scores a single-reward model with weight 1 on reward', async () => {
    server.script('POST /v1/chat/completions', {
      body: {
        id: null,
        created: null,
        model: null,
        choices: [{ message: [{ role: 'assistant', content: 'reward:-3.28' }] }],
      },
    });
    const backend = await createNimBackend(spec);
    const [r] = await backend.score([input('x')]);
    expect(r).toMatchObject({
      score: -3.28,
      logits: [-3.28],
      tokenCount: 0,
      backend: 'nim',
      dtype: 'remote',
    });
    expect(backend.info.labels).toEqual(['reward']);
    expect(backend.info.defaultWeights).toEqual({ reward: 1 });
  });

  it('keeps at most 4 requests in flight', async () => {
    server.script('POST /v1/chat/completions', (req) => ({ ...attributeReply(req), delayMs: 30 }));
    let inFlight = 0;
    let peak = 0;
    const backend = await createNimBackend(
      spec,
      {},
      {
        tuning: {
          fetch: async (url, init) => {
            peak = Math.max(peak, ++inFlight);
            try {
              return await fetch(url, init);
            } finally {
              inFlight--;
            }
          },
        },
      },
    );
    const results = await backend.score(Array.from({ length: 10 }, (_, i) => input('x'.repeat(i))));
    expect(results.map((r) => r.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(4);
  });

  it('stops sending after the first failure and reports that failure', async () => {
    server.script('POST /v1/chat/completions', attributeReply);
    const backend = await createNimBackend(spec, {}, { concurrency: 1 });
    server.script('POST /v1/chat/completions', { status: 500, body: 'boom' });
    server.requests.length = 0;
    await expect(backend.score([input('a'), input('b'), input('c')])).rejects.toMatchObject({ code: 'http' });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('proceeds when /models is 404, and says so in a status event', async () => {
    server.script('GET /v1/models', { status: 404, body: '' });
    server.script('POST /v1/chat/completions', attributeReply);
    const events: LoadProgress[] = [];
    const backend = await createNimBackend(spec, { onProgress: (p) => events.push(p) });
    expect(events.map((e) => (e.kind === 'status' ? e.message : ''))).toContainEqual(
      expect.stringMatching(/\/v1\/models does not list models \(HTTP 404\); skipping/),
    );
    expect((await backend.score([input('ab')]))[0]!.score).toBe(2);
  });

  it('refuses a model id the server does not list', async () => {
    spec.model = 'nvidia/typo';
    const error = await createNimBackend(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardError);
    expect(error).toMatchObject({ code: 'model' });
    expect((error as Error).message).toMatch(
      /"nvidia\/typo" is not listed at http.*\/v1\/models \(it lists: other, nvidia\/rm\)/,
    );
  });

  it('refuses a /models body of the wrong shape', async () => {
    server.script('GET /v1/models', { body: { models: ['nvidia/rm'] } });
    await expect(createNimBackend(spec)).rejects.toMatchObject({ code: 'reply' });
  });

  it('refuses a reply whose names change between inputs', async () => {
    server.script(
      'POST /v1/chat/completions',
      {
        body: buildChatCompletion({
          id: 'a',
          model: 'm',
          scores: [{ name: 'reward', value: 1 }],
          promptTokens: 1,
        }),
      },
      {
        body: buildChatCompletion({
          id: 'b',
          model: 'm',
          scores: [{ name: 'helpfulness', value: 1 }],
          promptTokens: 1,
        }),
      },
    );
    const backend = await createNimBackend(spec, {}, { concurrency: 1 });
    await expect(backend.score([input('a'), input('b')])).rejects.toThrow(
      /labels \[helpfulness\] differ from the model's \[reward\]/,
    );
  });

  it('reads values from logprobs when content is null', async () => {
    const completion = buildChatCompletion({
      id: 'a',
      model: 'm',
      scores: [
        { name: 'helpfulness', value: 2 },
        { name: 'verbosity', value: 1 },
      ],
      promptTokens: 5,
    }) as unknown as { choices: { message: { content: string | null } }[] };
    completion.choices[0]!.message.content = null;
    server.script('POST /v1/chat/completions', { body: completion });
    const backend = await createNimBackend(spec);
    const [r] = await backend.score([input('a')]);
    expect(r).toMatchObject({ score: 2, attributes: { helpfulness: 2, verbosity: 1 }, tokenCount: 5 });
  });
});
