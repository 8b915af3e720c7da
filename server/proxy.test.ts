/**
 * Proxy mode: /v1/* forwarded to an upstream OpenAI-compatible reward server (here: our own server on
 * another loopback port, requiring a key), the caller's key passed through and never logged.
 */
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreInput, ScoreResult } from '../src/core/types';
import { type Model } from '../src/engine/contract';
import { buildServer } from './app';
import { upstreamUrl } from './proxy';
import { contentToDict, startTestServer, type TestServer } from './test-support';

const KEY = 'nvapi-SECRET-caller-key-123';

/** Upstream model: the score is the response length (a fixed, checkable rule). */
const lengthBackend: Model = {
  warnings: [],
  info: {
    id: 'upstream/reward',
    family: 'encoder',
    labels: ['helpfulness', 'verbosity'],
    defaultWeights: {},
    alpha: 1,
    maxLength: 4096,
    backend: 'cpu',
    dtype: 'fp32',
    capabilities: { render: false, prefixCurve: false },
  },
  score: async (inputs: ScoreInput[]): Promise<ScoreResult[]> =>
    inputs.map((i) => ({
      score: 0,
      attributes: { helpfulness: 1.5, verbosity: i.response.length },
      logits: [1.5, i.response.length],
      tokenCount: 7,
      truncated: false,
      backend: 'cpu',
      dtype: 'fp32',
      timingMs: 0,
    })),
  render: async () => null,
  dispose: async () => {},
};

describe('proxy mode', () => {
  let upstream: TestServer;
  let proxy: TestServer;
  const logs: string[] = [];
  const seenAuth: (string | undefined)[] = [];

  beforeAll(async () => {
    const upstreamApp = await buildServer({ backend: lengthBackend, apiKey: KEY });
    upstreamApp.addHook('onRequest', async (req) => {
      seenAuth.push(req.headers.authorization);
    });
    const origin = await upstreamApp.listen({ port: 0, host: '127.0.0.1' });
    upstream = { app: upstreamApp, origin, close: () => upstreamApp.close() };
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    proxy = await startTestServer({
      proxy: { baseUrl: `${upstream.origin}/v1` },
      cors: true,
      logger: { level: 'trace', stream, redact: ['req.headers.authorization'] },
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it('maps /v1/<rest> onto the base URL', () => {
    expect(upstreamUrl('https://integrate.api.nvidia.com/v1/', '/v1/chat/completions')).toBe(
      'https://integrate.api.nvidia.com/v1/chat/completions',
    );
    expect(upstreamUrl('http://h:8000/v1', '/v1/models?x=1')).toBe('http://h:8000/v1/models?x=1');
  });

  it('refuses paths that would leave the base path, backslashes included (found in review)', () => {
    for (const path of ['/v1/..\\..\\admin', '/v1/..\\x', '/v1/a/../../admin']) {
      expect(() => upstreamUrl('http://up/api/v1', path), path).toThrow(/leaves the proxied base path/);
    }
  });

  it('forwards the openai client’s request with the caller’s key and returns the reply unchanged', async () => {
    const client = new OpenAI({ baseURL: `${proxy.origin}/v1`, apiKey: KEY, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'upstream/reward',
      messages: [
        { role: 'user', content: 'Say hi' },
        { role: 'assistant', content: 'hello!' },
      ],
    });
    expect(contentToDict(completion.choices[0]!.message.content!)).toEqual({
      helpfulness: 1.5,
      verbosity: 6,
    });
    expect(seenAuth.at(-1)).toBe(`Bearer ${KEY}`);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['upstream/reward']);
  });

  it('passes upstream errors through (401 without a key, 400 for a bad request)', async () => {
    const noKey = await fetch(`${proxy.origin}/v1/models`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    const bad = await fetch(`${proxy.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ model: 'upstream/reward', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/assistant turn/);
  });

  it('still rejects bad JSON itself, with an OpenAI error', async () => {
    const res = await fetch(`${proxy.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('refuses dot segments that would climb out of the base path', async () => {
    const { request } = await import('node:http');
    const url = new URL(proxy.origin);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/v1/%2e%2e/admin', method: 'GET' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('answers CORS preflights so the browser can use it', async () => {
    const pre = await fetch(`${proxy.origin}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('never logs the key', () => {
    const all = logs.join('');
    expect(all).toContain('/v1/chat/completions');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('SECRET');
  });

  it('names the URL only to a caller with the client key when the upstream cannot be reached (502) or is too slow (504)', async () => {
    const dead = Fastify();
    const deadUrl = await dead.listen({ port: 0, host: '127.0.0.1' });
    await dead.close();
    const down = await startTestServer({ proxy: { baseUrl: `${deadUrl}/v1` } });
    const downKeyed = await startTestServer({ proxy: { baseUrl: `${deadUrl}/v1`, clientKey: 'client-key' } });
    const slowUpstream = Fastify();
    slowUpstream.get('/v1/models', async () => {
      await new Promise((r) => setTimeout(r, 500));
      return { data: [] };
    });
    const slowUrl = await slowUpstream.listen({ port: 0, host: '127.0.0.1' });
    const slow = await startTestServer({ proxy: { baseUrl: `${slowUrl}/v1`, timeoutMs: 100 } });
    try {
      const r = await fetch(`${down.origin}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(r.status).toBe(502);
      const body = (await r.json()) as { error: { message: string; type: string } };
      expect(body.error.message).toBe('Proxy could not reach the upstream (ECONNREFUSED)');
      expect(JSON.stringify(body)).not.toContain(new URL(deadUrl).port);
      const keyed = await fetch(`${downKeyed.origin}/v1/models`, {
        headers: { authorization: 'Bearer client-key' },
      });
      expect(((await keyed.json()) as { error: { message: string } }).error.message).toBe(
        `Proxy could not reach ${deadUrl}/v1/models (ECONNREFUSED)`,
      );
      const s = await fetch(`${slow.origin}/v1/models`);
      expect(s.status).toBe(504);
      expect(((await s.json()) as { error: { message: string } }).error.message).toBe(
        'Proxy: the upstream did not answer within 100 ms',
      );
    } finally {
      await down.close();
      await downKeyed.close();
      await slow.close();
      await slowUpstream.close();
    }
  });
});
