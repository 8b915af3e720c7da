/**
 * The failure matrix for every remote client against a scripted local server: each fault yields its own
 * RewardError code and a message that names the URL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  startFaultServer,
  type FaultServer,
  type FaultStep,
} from '../../../test/support/fault-server';
import { RewardError, type RewardErrorCode } from '../../core/errors';
import { buildChatCompletion } from '../../core/nim';
import type { RemoteEngine, RemoteModelSpec, ScoreInput } from '../../core/types';
import { createRemoteBackend, type RemoteClientOptions } from './index';

interface ClientCase {
  engine: RemoteEngine;
  /** Path appended to the server URL to form the spec's baseUrl. */
  basePath: string;
  load: [route: string, body: unknown];
  scoreRoute: string;
  okBody: unknown;
  wrongShapes: [what: string, body: unknown, expected: RegExp][];
}

const cases: ClientCase[] = [
  {
    engine: 'nim',
    basePath: '/v1',
    load: ['GET /v1/models', { object: 'list', data: [{ id: 'reward-model', object: 'model' }] }],
    scoreRoute: 'POST /v1/chat/completions',
    okBody: buildChatCompletion({
      id: 'c1',
      model: 'reward-model',
      scores: [{ name: 'reward', value: -3.28 }],
      promptTokens: 9,
    }),
    wrongShapes: [
      [
        'a non-numeric attribute',
        { choices: [{ message: { role: 'assistant', content: 'helpfulness:abc' } }] },
        /value of "helpfulness" is not a number: "abc"/,
      ],
      ['missing choices', { id: 'x', object: 'chat.completion' }, /not a chat\.completion \(choices/],
      ['empty content', { choices: [{ message: { content: '' } }] }, /neither message\.content/],
    ],
  },
  {
    engine: 'tei',
    basePath: '',
    load: [
      'GET /info',
      {
        model_id: 'tei-rm',
        model_type: { reranker: { id2label: { '0': 'LABEL_0' } } },
        max_input_length: 512,
      },
    ],
    scoreRoute: 'POST /predict',
    okBody: [[{ label: 'LABEL_0', score: 1.25 }]],
    wrongShapes: [
      ['a missing score', [[{ label: 'LABEL_0' }]], /list of \{"label", "score"\}/],
      ['an error object with status 200', { error: 'boom' }, /list of \{"label", "score"\}/],
      [
        'more predictions than inputs',
        [[{ label: 'LABEL_0', score: 1 }], [{ label: 'LABEL_0', score: 2 }]],
        /2 predictions for 1 inputs/,
      ],
    ],
  },
  {
    engine: 'vllm',
    basePath: '',
    load: ['GET /v1/models', { object: 'list', data: [{ id: 'reward-model', max_model_len: 2048 }] }],
    scoreRoute: 'POST /classify',
    okBody: {
      data: [{ index: 0, label: 'LABEL_0', probs: [2.5], num_classes: 1 }],
      usage: { prompt_tokens: 7 },
    },
    wrongShapes: [
      ['no data', { data: [] }, /"probs": \[numbers\]/],
      ['string probs', { data: [{ index: 0, probs: ['0.5'], num_classes: 1 }] }, /"probs": \[numbers\]/],
      [
        'num_classes disagreeing with probs',
        { data: [{ index: 0, probs: [0.1, 0.2], num_classes: 3 }] },
        /num_classes is 3 but probs has 2 values/,
      ],
    ],
  },
];

const input: ScoreInput = {
  conversation: { turns: [{ role: 'user', content: 'What is 2+2?' }] },
  response: '4',
};
const API_KEY = 'sk-secret-test-key-123';

async function rejection(promise: Promise<unknown>): Promise<RewardError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(RewardError);
    return e as RewardError;
  }
  throw new Error('expected a rejection');
}

describe.each(cases)('$engine client failures', (c) => {
  let server: FaultServer;
  let delays: number[];
  let client: RemoteClientOptions;
  let spec: RemoteModelSpec;
  let scoreUrl: string;

  beforeEach(async () => {
    server = await startFaultServer();
    server.script(c.load[0], { body: c.load[1] });
    server.script(c.scoreRoute, { body: c.okBody });
    delays = [];
    client = {
      tuning: {
        // Record the backoff instead of waiting for it.
        sleep: async (ms) => {
          delays.push(ms);
        },
        random: () => 0.5,
      },
    };
    spec = {
      kind: 'remote',
      engine: c.engine,
      baseUrl: server.url + c.basePath,
      model: 'reward-model',
      apiKey: API_KEY,
      timeoutMs: 1000,
      retries: 2,
    };
    scoreUrl = server.url + c.scoreRoute.split(' ')[1];
  });
  afterEach(() => server.close());

  /** Loads against the healthy server (a load may probe the score route), then scores into `fault`. */
  async function scoreError(fault: FaultStep, opts?: { signal?: AbortSignal }): Promise<RewardError> {
    const backend = await createRemoteBackend(spec, {}, client);
    server.script(c.scoreRoute, fault);
    server.requests.length = 0;
    delays.length = 0;
    return rejection(backend.score([input], opts));
  }

  function expectError(error: RewardError, code: RewardErrorCode, ...parts: (string | RegExp)[]) {
    expect(error.code).toBe(code);
    expect(error.message).toContain(scoreUrl);
    expect(error.details.url).toBe(scoreUrl);
    for (const p of parts) expect(error.message).toMatch(p);
    expect(error.message).not.toContain(API_KEY);
  }

  it('scores when the server is healthy, sending the API key as a bearer token', async () => {
    server.script(c.scoreRoute, { body: c.okBody });
    const backend = await createRemoteBackend(spec, {}, client);
    const [result] = await backend.score([input]);
    expect(Number.isFinite(result!.score)).toBe(true);
    expect(result!.backend).toBe(c.engine);
    expect(result!.dtype).toBe('remote');
    expect(backend.info).toMatchObject({
      family: 'remote',
      engine: c.engine,
      backend: c.engine,
      dtype: 'remote',
    });
    expect(await backend.render(input)).toBeNull();
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it('times out with the limit in the message', async () => {
    // Long enough for the load's own requests on a busy machine, far shorter than the stalled reply.
    spec.timeoutMs = 400;
    expectError(await scoreError({ delayMs: 3000, body: c.okBody }), 'timeout', /within 400 ms/);
  });

  it('401 is an auth error that never echoes the key', async () => {
    const error = await scoreError({ status: 401, body: { error: { message: `invalid key ${API_KEY}` } } });
    expectError(error, 'auth', 'HTTP 401', 'check the API key', '<api key>');
    expect(error.details.status).toBe(401);
  });

  it('403 is an auth error too', async () => {
    expectError(await scoreError({ status: 403, body: 'forbidden' }), 'auth', 'HTTP 403');
  });

  it('429 then success: retries, honouring Retry-After', async () => {
    const backend = await createRemoteBackend(spec, {}, client);
    server.script(
      c.scoreRoute,
      { status: 429, headers: { 'Retry-After': '2' }, body: '{}' },
      { body: c.okBody },
    );
    const [result] = await backend.score([input]);
    expect(Number.isFinite(result!.score)).toBe(true);
    expect(delays).toEqual([2000]);
  });

  it('429 until retries run out is rate_limited, with exponential backoff in between', async () => {
    const error = await scoreError({ status: 429, body: { error: { message: 'slow down' } } });
    expectError(error, 'rate_limited', 'HTTP 429', 'after 2 retries', 'slow down');
    expect(server.requests.filter((r) => `${r.method} ${r.path}` === c.scoreRoute)).toHaveLength(3);
    // base 500 ms doubling, jitter factor 0.5 + 0.5 * 0.5
    expect(delays).toEqual([375, 750]);
  });

  it('500 is an http error carrying the server message', async () => {
    const fault: FaultStep = { status: 500, body: { error: { message: 'CUDA out of memory' } } };
    expectError(await scoreError(fault), 'http', 'HTTP 500', 'see its log', 'CUDA out of memory');
    expect(delays).toEqual([]);
  });

  it('503 is retried, then rate_limited', async () => {
    const fault: FaultStep = { status: 503, body: 'loading' };
    expectError(await scoreError(fault), 'rate_limited', 'HTTP 503', 'try again later');
    expect(delays).toHaveLength(2);
  });

  it('404 says to check the URL / model id', async () => {
    const fault: FaultStep = { status: 404, body: { detail: 'Not Found' } };
    expectError(await scoreError(fault), 'http', 'HTTP 404', 'check the base URL / model id');
  });

  it('413 is an input error', async () => {
    const fault: FaultStep = { status: 413, body: 'too big' };
    expectError(await scoreError(fault), 'input', 'HTTP 413', 'fewer or shorter inputs');
  });

  it('a malformed JSON body is a reply error with an excerpt', async () => {
    expectError(await scoreError({ body: '{"choices": [' }), 'reply', 'not JSON', '{"choices": [');
  });

  it.each(c.wrongShapes)(
    'a wrong-shape body (%s) is a reply error naming the problem',
    async (_what, body, expected) => {
      expectError(await scoreError({ body }), 'reply', expected);
    },
  );

  it('a dropped connection is a network error', async () => {
    expectError(await scoreError({ drop: true }), 'network', 'is the server');
  });

  it('a closed port is a network error asking whether the server runs', async () => {
    spec.baseUrl = (await closedPortUrl()) + c.basePath;
    const error = await rejection(createRemoteBackend(spec, {}, client));
    expect(error.code).toBe('network');
    expect(error.message).toContain(spec.baseUrl);
    expect(error.message).toMatch(
      /connection refused — is the server running at http:\/\/127\.0\.0\.1:\d+\?/,
    );
  });

  it('the server going away after load is a network error on score', async () => {
    const backend = await createRemoteBackend(spec, {}, client);
    await server.close();
    const error = await rejection(backend.score([input]));
    // Refused, or, when the load's probe left a kept-alive connection, closed under the request.
    expectError(error, 'network', /connection refused|connection was closed/);
  });

  it('cancellation mid-request is cancelled, promptly', async () => {
    const backend = await createRemoteBackend(spec, {}, client);
    server.script(c.scoreRoute, { delayMs: 5000, body: c.okBody });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const error = await rejection(backend.score([input], { signal: controller.signal }));
    expectError(error, 'cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cancellation during a backoff wait is cancelled', async () => {
    const controller = new AbortController();
    client.tuning!.sleep = (ms, signal) => {
      delays.push(ms);
      controller.abort();
      return Promise.reject(signal?.reason);
    };
    expectError(await scoreError({ status: 429, body: '{}' }, { signal: controller.signal }), 'cancelled');
    expect(delays).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const backend = await createRemoteBackend(spec, {}, client);
    const before = server.requests.length;
    const error = await rejection(backend.score([input], { signal: AbortSignal.abort() }));
    expect(error.code).toBe('cancelled');
    expect(server.requests.length).toBe(before);
  });

  it('a load-time auth failure names the load URL', async () => {
    const [route] = c.load;
    server.script(route, { status: 401, body: '' });
    const error = await rejection(createRemoteBackend(spec, {}, client));
    expect(error.code).toBe('auth');
    expect(error.message).toContain(server.url + route.split(' ')[1]);
  });
});
