/**
 * Auth, body size, queue bound (429), truncation on/off, dynamic batching, CORS and static serving.
 * Truncation and auth run against the real embedded model; overload and batching need a backend whose
 * timing we control, so they use a small scripted one (fault injection).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RewardError } from '../src/core/errors';
import type { ScoreInput, ScoreResult } from '../src/core/types';
import { type Model, type ScoreOptions } from '../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from './test-support';

const MODEL = 'tiny-bert-reward';
const request = (content: string, model = MODEL) =>
  JSON.stringify({
    model,
    messages: [
      { role: 'user', content: 'Tell me about cats.' },
      { role: 'assistant', content },
    ],
  });

async function post(origin: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const errorOf = (b: Record<string, unknown>) =>
  (b.error ?? {}) as { message: string; type: string; code: string };

/** Scores = response length; each score() call waits `delayMs` and records its batch size. */
function scriptedBackend(delayMs: number): Model & { batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    warnings: [],
    info: {
      id: 'scripted',
      family: 'encoder',
      labels: ['reward'],
      defaultWeights: {},
      alpha: 1,
      maxLength: 16,
      backend: 'cpu',
      dtype: 'fp32',
      capabilities: { render: false, prefixCurve: false },
    },
    async score(inputs: ScoreInput[], options?: ScoreOptions): Promise<ScoreResult[]> {
      batches.push(inputs.length);
      await new Promise((r) => setTimeout(r, delayMs));
      return inputs.map((i) => {
        if (options?.truncate === false && i.response.length > 16) {
          throw new RewardError('input', `Input is ${i.response.length} tokens, over the model's limit`);
        }
        return {
          score: i.response.length,
          logits: [i.response.length],
          tokenCount: Math.min(16, i.response.length),
          truncated: i.response.length > 16,
          backend: 'cpu',
          dtype: 'fp32',
          timingMs: delayMs,
        };
      });
    },
    render: async () => null,
    dispose: async () => {},
  };
}

describe('API key', () => {
  let backend: Model;
  let server: TestServer;
  const logs: string[] = [];
  const KEY = 'sk-test-very-secret-4242';

  beforeAll(async () => {
    backend = await loadEmbedded(MODEL);
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({
      backend,
      modelId: MODEL,
      apiKey: KEY,
      logger: { level: 'trace', stream, redact: ['req.headers.authorization'] },
    });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('answers 401 without a key, naming the header to send', async () => {
    const r = await post(server.origin, request('Cats purr.'));
    expect(r.status).toBe(401);
    expect(errorOf(r.body)).toMatchObject({ type: 'authentication_error', code: 'missing_api_key' });
    expect(errorOf(r.body).message).toMatch(/Authorization: Bearer/);
  });

  it('answers 401 for a wrong key, also on /v1/models', async () => {
    const r = await post(server.origin, request('Cats purr.'), { authorization: 'Bearer wrong' });
    expect(r.status).toBe(401);
    expect(errorOf(r.body).code).toBe('invalid_api_key');
    const m = await fetch(`${server.origin}/v1/models`, { headers: { authorization: 'Basic abc' } });
    expect(m.status).toBe(401);
  });

  it('percent-encoded paths that route to /v1 still need the key (found in review)', async () => {
    for (const path of ['/%761/models', '/v%31/models']) {
      expect((await fetch(`${server.origin}${path}`)).status, path).toBe(401);
    }
    const r = await fetch(`${server.origin}/%761/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request('Cats purr.')),
    });
    expect(r.status).toBe(401);
  });

  it('checks the key before reading the body (no 413 or 400 leaks to strangers)', async () => {
    const r = await post(server.origin, 'not json');
    expect(r.status).toBe(401);
  });

  it('scores with the right key; /health stays open', async () => {
    const r = await post(server.origin, request('Cats purr.'), { authorization: `Bearer ${KEY}` });
    expect(r.status).toBe(200);
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
  });

  it('never writes the key to the log', () => {
    const all = logs.join('');
    expect(all).toContain('/v1/chat/completions'); // the log did capture the requests
    expect(all).not.toContain(KEY);
  });
});

describe('truncation', () => {
  let backend: Model;
  let on: TestServer;
  let off: TestServer;
  const LIMIT = 32;
  const long = 'Cats are small carnivorous mammals that people keep as pets. '.repeat(20);

  beforeAll(async () => {
    backend = await loadEmbedded(MODEL, { maxLength: LIMIT });
    on = await startTestServer({ backend, modelId: MODEL, truncate: true });
    off = await startTestServer({ backend, modelId: MODEL, truncate: false });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
    await backend?.dispose();
  });

  it('with truncation on, scores an over-long input within the token limit', async () => {
    const r = await post(on.origin, request(long));
    expect(r.status).toBe(200);
    const usage = r.body.usage as { prompt_tokens: number };
    expect(usage.prompt_tokens).toBe(LIMIT);
  });

  it('with truncation off, answers 400 naming the limit', async () => {
    const r = await post(off.origin, request(long));
    expect(r.status).toBe(400);
    expect(errorOf(r.body).type).toBe('invalid_request_error');
    expect(errorOf(r.body).message).toContain(String(LIMIT));
  });

  it('with truncation off, a short input in the same batch as a long one still scores', async () => {
    const [a, b] = await Promise.all([
      post(off.origin, request(long)),
      post(off.origin, request('Cats purr.')),
    ]);
    expect(a.status).toBe(400);
    expect(b.status).toBe(200);
  });
});

describe('body limit, queue bound and batching', () => {
  it('answers 413 above the body limit', async () => {
    const server = await startTestServer({ backend: scriptedBackend(0), bodyLimit: 1000 });
    try {
      const r = await post(server.origin, request('x'.repeat(2000), 'scripted'));
      expect(r.status).toBe(413);
      expect(errorOf(r.body)).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
      expect((await post(server.origin, request('x', 'scripted'))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 429 with Retry-After when the queue is full, and serves the rest', async () => {
    const backend = scriptedBackend(100);
    const server = await startTestServer({ backend, batch: { maxBatchSize: 1, maxWaitMs: 0, maxQueue: 2 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => post(server.origin, request('hi', 'scripted'))),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(errorOf(limited[0]!.body)).toMatchObject({
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
      });
      expect(errorOf(limited[0]!.body).message).toMatch(/queue limit 2/);
      expect(limited[0]!.headers.get('retry-after')).toBe('1');
      expect((await post(server.origin, request('hi', 'scripted'))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('gathers concurrent requests into one score() call, each getting its own result', async () => {
    const backend = scriptedBackend(20);
    const server = await startTestServer({
      backend,
      batch: { maxBatchSize: 16, maxWaitMs: 20, maxQueue: 100 },
    });
    try {
      const texts = Array.from({ length: 12 }, (_, i) => 'y'.repeat(i + 1));
      const results = await Promise.all(texts.map((t) => post(server.origin, request(t, 'scripted'))));
      results.forEach((r, i) => {
        const content = (r.body.choices as { message: { content: string } }[])[0]!.message.content;
        expect(content).toBe(`reward:${i + 1}`);
      });
      expect(Math.max(...backend.batches)).toBeGreaterThan(1);
      expect(backend.batches.reduce((a, b) => a + b, 0)).toBe(12);
    } finally {
      await server.close();
    }
  });

  it('answers a non-finite model output with 500 and a clear message, not a broken reply', async () => {
    const backend = scriptedBackend(0);
    const broken: Model = {
      ...backend,
      score: async (inputs) => (await backend.score(inputs)).map((r) => ({ ...r, score: Number.NaN })),
    };
    const server = await startTestServer({ backend: broken });
    try {
      const r = await post(server.origin, request('hi', 'scripted'));
      expect(r.status).toBe(500);
      expect(errorOf(r.body).type).toBe('server_error');
    } finally {
      await server.close();
    }
  });
});

describe('CORS and static playground', () => {
  it('sends CORS headers only for configured origins', async () => {
    const server = await startTestServer({ backend: scriptedBackend(0), cors: ['http://localhost:5173'] });
    try {
      const pre = await fetch(`${server.origin}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const other = await fetch(`${server.origin}/v1/models`, { headers: { origin: 'http://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('serves the built app with COOP/COEP on every response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>playground</title>');
    const server = await startTestServer({ backend: scriptedBackend(0), staticDir: dir });
    try {
      for (const path of ['/', '/index.html', '/v1/models']) {
        const res = await fetch(`${server.origin}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      }
      expect(await (await fetch(`${server.origin}/`)).text()).toContain('playground');
    } finally {
      await server.close();
    }
  });
});
