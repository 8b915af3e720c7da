/**
 * Proxy mode against a hostile client and a misbehaving upstream (issue 10, item 8). Happy paths go to our
 * own server with a real model; plain node:http servers stand in for an upstream only to inject faults
 * (redirects, huge, broken, stalled or HTML replies).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { buildServer } from './app';
import { EMBEDDED, loadEmbedded, rawGet, startTestServer, type TestServer } from './test-support';

const UPSTREAM_KEY = 'server-side-upstream-key';
const CLIENT_KEY = 'client-key-123';

const chat = JSON.stringify({
  model: EMBEDDED[0],
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
  ],
});

/** A raw upstream for fault injection; records every request it gets. */
async function faultUpstream(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const post = (origin: string, body: string, auth?: string) =>
  fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body,
  });

describe('proxy mode, hardened', () => {
  let backend: Model;
  let upstream: TestServer;
  const upstreamSaw: string[] = [];
  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
    const app = await buildServer({ backend, modelId: EMBEDDED[0], apiKey: UPSTREAM_KEY });
    app.addHook('onRequest', async (req) => {
      upstreamSaw.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    upstream = { app, origin, close: () => app.close() };
  });
  afterAll(async () => {
    await upstream?.close();
    await backend?.dispose();
  });

  it.each([
    ['a query string', 'http://127.0.0.1:9/v1?api-key=hunter2', /has a query string.*--proxy-key-env/],
    ['a fragment', 'http://127.0.0.1:9/v1#hunter2', /has a fragment.*--proxy-key-env/],
    ['an empty query', 'http://127.0.0.1:9/v1?', /has a query string/],
  ])(
    'refuses an upstream URL with %s, pointing to --proxy-key-env, never showing it',
    async (_n, url, msg) => {
      const err = await buildServer({ proxy: { baseUrl: url } }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('hunter2');
    },
  );

  it('refuses credentials in the upstream URL and never shows them', async () => {
    const err = await buildServer({ proxy: { baseUrl: 'http://alice:hunter2@127.0.0.1:9/v1' } }).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/carries credentials/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('forwards only the allow-listed routes; encoded traversal never reaches the upstream', async () => {
    const proxy = await startTestServer({
      proxy: { baseUrl: `${upstream.origin}/v1`, apiKey: UPSTREAM_KEY },
    });
    try {
      upstreamSaw.length = 0;
      for (const path of [
        '/v1/..%2fadmin',
        '/v1/%2E%2e%2fadmin',
        '/v1/..%5cadmin',
        '/v1/%252e%252e/admin',
        '/v1/models/..%2f..%2fadmin',
        '/v1/admin',
        '/v1/embeddings',
      ]) {
        const r = await rawGet(proxy.origin, path);
        expect([400, 404], path).toContain(r.status);
        expect((JSON.parse(r.body) as { error: { type: string } }).error.type, path).toMatch(
          /invalid_request_error|not_found_error/,
        );
      }
      expect(upstreamSaw).toEqual([]);
      // The allow-listed routes work, with the server's key.
      const ok = await post(proxy.origin, chat);
      expect(ok.status).toBe(200);
      expect(upstreamSaw.at(-1)).toBe(`POST /v1/chat/completions Bearer ${UPSTREAM_KEY}`);
      expect((await rawGet(proxy.origin, '/v1/models')).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  it('with a client key: callers must send it, and only the server key goes upstream', async () => {
    const proxy = await startTestServer({
      proxy: { baseUrl: `${upstream.origin}/v1`, apiKey: UPSTREAM_KEY, clientKey: CLIENT_KEY },
    });
    try {
      upstreamSaw.length = 0;
      expect((await post(proxy.origin, chat)).status).toBe(401);
      expect((await post(proxy.origin, chat, 'wrong')).status).toBe(401);
      expect(upstreamSaw).toEqual([]);
      const ok = await post(proxy.origin, chat, CLIENT_KEY);
      expect(ok.status).toBe(200);
      expect(upstreamSaw).toEqual([`POST /v1/chat/completions Bearer ${UPSTREAM_KEY}`]);
      // /health: up and the mode for anyone; the upstream only with the key.
      expect(await (await fetch(`${proxy.origin}/health`)).json()).toEqual({ status: 'ok', mode: 'proxy' });
      const full = await fetch(`${proxy.origin}/health`, {
        headers: { authorization: `Bearer ${CLIENT_KEY}` },
      });
      expect(await full.json()).toEqual({ status: 'ok', mode: 'proxy', upstream: `${upstream.origin}/v1` });
    } finally {
      await proxy.close();
    }
  });

  it('a 10,000-deep JSON body is a 400, not a 500', async () => {
    const proxy = await startTestServer({ proxy: { baseUrl: `${upstream.origin}/v1` } });
    try {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const r = await post(proxy.origin, `{"model":"m","messages":${deep}}`);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    } finally {
      await proxy.close();
    }
  });
});

describe('proxy mode, misbehaving upstreams', () => {
  const cases: {
    name: string;
    handle: (req: IncomingMessage, res: ServerResponse) => void;
    status: number;
    message: RegExp;
    timeoutMs?: number;
    maxReplyBytes?: number;
  }[] = [
    {
      name: 'a redirect is not followed (the body and key would go to another host)',
      handle: (_req, res) => {
        res.writeHead(307, { location: 'http://other.example:9/steal' });
        res.end();
      },
      status: 502,
      message: /^Proxy: the upstream answered 307 \(a redirect\); the proxy does not follow redirects/,
    },
    {
      name: 'a reply over the size cap',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 20 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        pump();
        res.on('error', () => {});
      },
      maxReplyBytes: 1024 * 1024,
      status: 502,
      message: /over the 1048576-byte limit/,
    },
    {
      name: 'a connection that breaks in the middle of the body',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"object": "list", "da');
        setTimeout(() => res.socket?.destroy(), 20);
      },
      status: 502,
      message: /broke while reading the reply/,
    },
    {
      name: 'a body that stalls (the timeout covers the body)',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"object": ');
      },
      timeoutMs: 300,
      status: 504,
      message: /did not answer within 300 ms/,
    },
    {
      name: 'an HTML page is not passed on as HTML',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><script>alert(document.cookie)</script></html>');
      },
      status: 502,
      message:
        /^Proxy: the upstream answered 200 with text\/html, not JSON; not forwarded \(the server log has its start\)\.$/,
    },
  ];

  it.each(cases)('$name → $status', async (c) => {
    const up = await faultUpstream(c.handle);
    const proxy = await startTestServer({
      proxy: { baseUrl: `${up.url}/v1`, timeoutMs: c.timeoutMs ?? 5000, maxReplyBytes: c.maxReplyBytes },
    });
    try {
      const t = Date.now();
      const r = await fetch(`${proxy.origin}/v1/models`);
      expect(r.status).toBe(c.status);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await r.json()) as { error: { message: string; type: string } };
      expect(body.error.type).toBe('upstream_error');
      expect(body.error.message).toMatch(c.message);
      // Nothing the upstream sent, and not where it is: this caller has no client key.
      expect(JSON.stringify(body)).not.toMatch(/<script|other\.example|127\.0\.0\.1/);
      expect(Date.now() - t).toBeLessThan(4000);
      expect(up.hits).toEqual(['GET /v1/models']);
    } finally {
      await proxy.close();
      await up.close();
    }
  });
});
