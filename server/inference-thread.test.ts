/**
 * `serve` scores in a worker thread (inference-thread.ts): while the largest default batch of long pairs is scored,
 * the event loop stays free, so /health answers again and again before that batch does (with inference on the event
 * loop, /health waited for the whole batch: 2.7 s here, and answered at most once before it). The threaded model gives the same scores as the in-process one.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addServeOptions, startServe, type ServeFlags } from '../cli/serve';
import { loadModelInThread } from './inference-thread';
import { EMBEDDED, loadEmbedded } from './test-support';

function flags(argv: string[]): ServeFlags {
  const cmd = addServeOptions(new Command('serve')).exitOverride();
  cmd.parse(argv, { from: 'user' });
  return cmd.opts<ServeFlags>();
}

const LONG = 'The quick brown fox jumps over the lazy dog and keeps running. '.repeat(240);

describe('serve: inference off the event loop', () => {
  it('answers /health while a 32-pair batch of 30 KB pairs is scored', { timeout: 120_000 }, async () => {
    const { app, url, backend } = await startServe(
      flags(['--model', EMBEDDED[0], '--port', '0', '--log-level', 'silent']),
      () => undefined,
    );
    try {
      const inputs = Array.from({ length: 32 }, (_, i) => [`Question ${i}: ${LONG}`, `${LONG}${i}`]);
      let done = false;
      const batch = fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs }),
      }).then(async (res) => {
        done = true;
        expect(res.status).toBe(200);
        return (await res.json()) as unknown[];
      });
      // /health, asked again and again while the batch is scored: on the event loop, each waited for the batch.
      let answered = 0;
      while (!done) {
        const health = await fetch(`${url}/health`);
        expect(health.status).toBe(200);
        if (!done) answered++;
      }
      expect((await batch).length).toBe(32);
      expect(answered).toBeGreaterThanOrEqual(3);

      // Same scores as the model loaded in this thread.
      const local = await loadEmbedded(EMBEDDED[0], { dtype: 'q8' });
      try {
        const input = {
          conversation: { turns: [{ role: 'user' as const, content: 'What is 2+2?' }] },
          response: '4.',
        };
        const [a] = await backend!.score([input]);
        const [b] = await local.score([input]);
        expect(a!.score).toBe(b!.score);
      } finally {
        await local.dispose();
      }
    } finally {
      await app.close();
      await backend?.dispose();
    }
  });

  it('abandons a call that stalls, restarts the thread, and scores again', { timeout: 120_000 }, async () => {
    // 300 ms without progress: tokenizing 256 pairs of 30 KB before the first chunk takes longer than that; one short
    // pair (tokenize + one forward pass, a few milliseconds) does not.
    const model = await loadModelInThread(
      { kind: 'local', source: { type: 'embedded', name: EMBEDDED[0] }, dtype: 'fp32', device: 'cpu' },
      { stallMs: 300 },
    );
    try {
      const inputs = Array.from({ length: 256 }, (_, i) => ({
        conversation: { turns: [{ role: 'user' as const, content: `Question ${i}: ${LONG}` }] },
        response: `${LONG}${i}`,
      }));
      await expect(model.score(inputs)).rejects.toThrow(
        /no progress for 300 ms while scoring 256 input\(s\).*restarted/,
      );
      const [r] = await model.score([
        { conversation: { turns: [{ role: 'user', content: 'What is 2+2?' }] }, response: '4.' },
      ]);
      expect(Number.isFinite(r!.score)).toBe(true);
    } finally {
      await model.dispose();
    }
  });
});
