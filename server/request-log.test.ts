/** One JSON log line per request (issue 25), with what an operator needs and no header (keys travel there). */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded, startTestServer, type TestServer } from './test-support';

describe('request log', () => {
  let backend: Model;
  let server: TestServer;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    server = await startTestServer({ backend, logger: { level: 'info', stream }, apiKey: 'k' });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('writes exactly one line per request, with method, path, status and time', async () => {
    lines.length = 0;
    const res = await fetch(`${server.origin}/v1/chat/completions?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
      body: JSON.stringify({
        model: EMBEDDED[0],
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await fetch(`${server.origin}/health`);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      method: 'POST',
      url: '/v1/chat/completions',
      statusCode: 200,
      responseTimeMs: expect.any(Number),
      reqId: expect.any(String),
    });
    expect(lines[1]).toMatchObject({ url: '/health', statusCode: 200 });
    expect(JSON.stringify(lines)).not.toContain('Bearer');
  });
});
