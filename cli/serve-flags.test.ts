/** Flag combinations that would expose a key are refused before anything listens (found in review). */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED, loadEmbedded, rawGet, startTestServer, type TestServer } from '../server/test-support';
import type { Model } from '../src/engine/contract';
import { buildProgram } from './program';
import { addServeOptions, startServe, type ServeFlags } from './serve';

const UPSTREAM_KEY = 'server-side-upstream-key';
const CLIENT_KEY = 'client-key-123';

function flags(argv: string[]): ServeFlags {
  const cmd = addServeOptions(new Command('serve')).exitOverride();
  cmd.parse(argv, { from: 'user' });
  return cmd.opts<ServeFlags>();
}

describe('proxy mode flags', () => {
  it('refuses an upstream URL with credentials in it, without repeating them', async () => {
    const err = await startServe(flags(['--proxy', 'http://user:s3cret-pw@127.0.0.1:9/v1'])).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/carries credentials.*--proxy-key-env/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it("refuses lending the server's key to every origin", async () => {
    process.env.RP_TEST_PROXY_KEY = 'secret';
    await expect(
      startServe(
        flags(['--proxy', 'http://127.0.0.1:9/v1', '--proxy-key-env', 'RP_TEST_PROXY_KEY', '--cors', '*']),
      ),
    ).rejects.toThrow(/any web page/);
  });
});

describe('serve --proxy against our own server upstream', () => {
  let backend: Model;
  let upstream: TestServer;
  beforeAll(async () => {
    backend = await loadEmbedded(EMBEDDED[0]);
    upstream = await startTestServer({ backend, modelId: EMBEDDED[0], apiKey: UPSTREAM_KEY });
  });
  afterAll(async () => {
    await upstream?.close();
    await backend?.dispose();
  });

  it('npm run serve --proxy checks the Host header (DNS rebinding) and takes --auth-key-env as the client key', async () => {
    process.env.RP_TEST_CLIENT_KEY = CLIENT_KEY;
    process.env.RP_TEST_UPSTREAM_KEY = UPSTREAM_KEY;
    const cmd = addServeOptions(new Command('serve')).exitOverride();
    cmd.parse(
      [
        '--proxy',
        `${upstream.origin}/v1`,
        '--port',
        '0',
        '--log-level',
        'silent',
        '--auth-key-env',
        'RP_TEST_CLIENT_KEY',
        '--proxy-key-env',
        'RP_TEST_UPSTREAM_KEY',
      ],
      { from: 'user' },
    );
    const { app, url } = await startServe(cmd.opts<ServeFlags>(), () => {});
    try {
      const port = new URL(url).port;
      const evil = await rawGet(url, '/v1/models', {
        host: `rebind.evil.example:${port}`,
        authorization: `Bearer ${CLIENT_KEY}`,
      });
      expect(evil.status).toBe(403);
      expect(JSON.parse(evil.body)).toMatchObject({ error: { code: 'invalid_host' } });
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const r = await rawGet(url, '/v1/models', { host, authorization: `Bearer ${CLIENT_KEY}` });
        expect(r.status, host).toBe(200);
      }
      expect((await rawGet(url, '/v1/models', { host: `127.0.0.1:${port}` })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('serve --help', () => {
  it('describes all four APIs, not only NIM', () => {
    const help = buildProgram()
      .commands.find((c) => c.name() === 'serve')!
      .helpInformation();
    for (const api of ['NIM', 'TEI', 'vLLM', 'OpenRLHF', '/get_reward', '/predict', '/classify'])
      expect(help).toContain(api);
    expect(help).not.toMatch(/NIM-compatible reward server/);
  });
});
