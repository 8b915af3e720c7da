/**
 * Slow and broken clients (issue 10, item 9): a slow header or body is cut off by a timeout (408), the number
 * of connections is capped, errors raised before a route runs (Node's HTTP parser, Fastify's bad-URL handler,
 * the CORS preflight) come back in the OpenAI error shape, and an unauthenticated /health says only whether
 * the server is up and which model it serves. Real server, real model.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded, startTestServer, type TestServer } from './test-support';

/** Opens a raw connection, writes `chunks`, and resolves with everything the server sent until it closed. */
function raw(
  origin: string,
  chunks: string[],
  waitMs = 5000,
): Promise<{ text: string; closed: boolean; ms: number }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s: Socket = connect(Number(port), hostname, () => {
      for (const c of chunks) s.write(c);
    });
    let text = '';
    s.on('data', (d) => (text += d.toString()));
    const done = (closed: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve({ text, closed, ms: Date.now() - t0 });
    };
    s.on('close', () => done(true));
    s.on('error', () => done(true));
    const timer = setTimeout(() => done(false), waitMs);
  });
}

/** The JSON body of a raw HTTP/1.1 reply. */
function errorOf(reply: string): { status: number; error: { message: string; type: string; code: string } } {
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1]);
  const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
  return { status, ...(JSON.parse(body) as { error: { message: string; type: string; code: string } }) };
}

/** What anyone may see: up, the model and its facts; not the queue, the batching or the process's memory. */
const publicHealth = (b: Model) => ({
  status: 'ok',
  model: EMBEDDED[0],
  labels: b.info.labels,
  maxInputTokens: b.info.maxLength,
});

const chat = JSON.stringify({
  model: EMBEDDED[0],
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
  ],
});

describe('slow and broken clients', () => {
  let backend: Model;
  let server: TestServer;
  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
    server = await startTestServer({
      backend,
      modelId: EMBEDDED[0],
      cors: ['http://localhost:5173'],
      headersTimeoutMs: 400,
      requestTimeoutMs: 800,
      maxConnections: 4,
    });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('a client that never finishes its headers gets a 408 in the OpenAI shape, and the socket closes', async () => {
    const r = await raw(server.origin, ['POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n']);
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(3000);
    expect(errorOf(r.text)).toMatchObject({
      status: 408,
      error: { type: 'invalid_request_error', code: 'request_timeout' },
    });
  });

  it('a client that never finishes its body gets a 408 in the OpenAI shape, and the socket closes', async () => {
    const r = await raw(server.origin, [
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${chat.length}\r\n\r\n`,
      chat.slice(0, 10),
    ]);
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(3000);
    expect(errorOf(r.text)).toMatchObject({ status: 408, error: { code: 'request_timeout' } });
  });

  it('caps open connections; the server keeps answering', async () => {
    const idle = await Promise.all(Array.from({ length: 6 }, () => raw(server.origin, [], 300)));
    // Over the cap, a connection is closed at once instead of being held.
    expect(idle.filter((r) => r.closed).length).toBeGreaterThanOrEqual(2);
    // Once those are gone, there is room again.
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chat,
    });
    expect(res.status).toBe(200);
  });

  it("Node's HTTP parser errors come back in the OpenAI shape", async () => {
    const r = await raw(server.origin, ['GARBAGE / NOT-HTTP\r\n\r\n']);
    expect(errorOf(r.text)).toMatchObject({
      status: 400,
      error: { type: 'invalid_request_error', code: 'bad_request' },
    });
  });

  it("Fastify's bad-URL errors come back in the OpenAI shape", async () => {
    const res = await fetch(`${server.origin}/v1/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        code: 'bad_url',
        message: expect.stringMatching(/not a valid URL/),
      },
    });
  });

  it('an invalid CORS preflight comes back in the OpenAI shape', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_preflight' },
    });
  });

  it('an unauthenticated /health says up and which model (its labels, its limit), nothing about the process or the queue', async () => {
    const res = await fetch(`${server.origin}/health`);
    expect(await res.json()).toEqual(publicHealth(backend));
  });
});

describe('/health with an API key', () => {
  let backend: Model;
  let server: TestServer;
  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
    server = await startTestServer({ backend, modelId: EMBEDDED[0], apiKey: 'k-1' });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('shows the details only to a caller with the key', async () => {
    expect(await (await fetch(`${server.origin}/health`)).json()).toEqual(publicHealth(backend));
    const wrong = await fetch(`${server.origin}/health`, { headers: { authorization: 'Bearer nope' } });
    expect(await wrong.json()).toEqual(publicHealth(backend));
    const full = (await (
      await fetch(`${server.origin}/health`, { headers: { authorization: 'Bearer k-1' } })
    ).json()) as Record<string, unknown>;
    expect(full).toMatchObject({ status: 'ok', model: EMBEDDED[0], queue: expect.any(Object) });
    expect(typeof full.rssBytes).toBe('number');
  });
});
