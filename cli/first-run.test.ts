/**
 * First run (issue 10, item 10; issue 25): the playground reaches `npm run serve` with no flags (any loopback
 * origin, on any port, is allowed by default, and a refused origin gets the exact --cors flag printed), and the server and CLI
 * load the same q8 weights as the browser, so one answer gets one score everywhere.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { toScoreInput } from '../server/schemas';
import { EMBEDDED, loadEmbedded } from '../server/test-support';
import { EMBEDDED_MODELS_DIR } from '../src/engine/models-dir';
import { specFromFlags } from './model-args';
import { addServeOptions, startServe, type ServeFlags } from './serve';

function flags(argv: string[]): ServeFlags {
  const cmd = addServeOptions(new Command('serve')).exitOverride();
  cmd.parse(argv, { from: 'user' });
  return cmd.opts<ServeFlags>();
}

const preflight = (url: string, origin: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });

describe('npm run serve, first run', () => {
  it('allows any loopback origin by default, prints the flag for others, loads q8', async () => {
    const notices: string[] = [];
    const { app, url, backend } = await startServe(
      flags(['--model', EMBEDDED[0], '--port', '0', '--log-level', 'silent']),
      (l) => notices.push(l),
    );
    try {
      expect(backend?.info.dtype).toBe('q8');
      for (const origin of [
        'http://localhost:5173',
        'http://127.0.0.1:5301',
        'http://[::1]:4173',
        'https://localhost:8443',
        'http://localhost',
      ]) {
        const res = await preflight(url, origin);
        expect(res.status, origin).toBe(204);
        expect(res.headers.get('access-control-allow-origin'), origin).toBe(origin);
      }
      for (const origin of [
        'http://example.com',
        'http://localhost.example.com',
        'http://127.0.0.1.nip.io:80',
      ]) {
        const res = await preflight(url, origin);
        expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      }
      await preflight(url, 'http://example.com');
      expect(notices).toEqual([
        'Refused a browser request from http://example.com (CORS). To allow it, restart with --cors loopback,http://example.com',
        'Refused a browser request from http://localhost.example.com (CORS). To allow it, restart with --cors loopback,http://localhost.example.com',
        'Refused a browser request from http://127.0.0.1.nip.io:80 (CORS). To allow it, restart with --cors loopback,http://127.0.0.1.nip.io:80',
      ]);

      // The served score is the q8 model's, as the browser computes it.
      const q8 = await loadEmbedded(EMBEDDED[0], { dtype: 'q8' });
      try {
        const messages = [
          { role: 'user' as const, content: 'What is 2+2?' },
          { role: 'assistant' as const, content: '4.' },
        ];
        const [local] = await q8.score([toScoreInput({ model: EMBEDDED[0], messages })]);
        const res = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: EMBEDDED[0], messages }),
        });
        const body = (await res.json()) as { choices: { message: { content: string } }[] };
        const served = Number(body.choices[0]!.message.content.split(':').pop());
        expect(served).toBeCloseTo(local!.score, 4);
      } finally {
        await q8.dispose();
      }
    } finally {
      await app.close();
    }
  });

  it('--cors none allows no origin (and says how to allow one)', async () => {
    const notices: string[] = [];
    const { app, url } = await startServe(
      flags(['--model', EMBEDDED[0], '--port', '0', '--cors', 'none', '--log-level', 'silent']),
      (l) => notices.push(l),
    );
    try {
      const res = await preflight(url, 'http://localhost:5173');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(notices[0]).toMatch(/restart with --cors http:\/\/localhost:5173$/);
    } finally {
      await app.close();
    }
  });
});

describe('CLI default weights', () => {
  it('q8 for a model that ships it, like the browser; fp32 for a folder without a q8 file', () => {
    expect(specFromFlags({ model: EMBEDDED[0] })).toMatchObject({ dtype: 'q8' });
    expect(specFromFlags({ model: join(EMBEDDED_MODELS_DIR, EMBEDDED[1]) })).toMatchObject({ dtype: 'q8' });
    const dir = mkdtempSync(join(tmpdir(), 'rp-fp32-only-'));
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), '');
    expect(specFromFlags({ model: dir })).toMatchObject({ dtype: 'fp32' });
    expect(specFromFlags({ model: dir, dtype: 'fp16' })).toMatchObject({ dtype: 'fp16' });
  });
});
