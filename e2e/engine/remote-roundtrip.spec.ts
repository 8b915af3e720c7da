/**
 * Issue 15, item 2, from the browser: the worker's TEI and vLLM clients, in Chromium, call our reward server
 * across origins (CORS) and get the numbers the local Node engine computes for the same candidates.
 */
import { expect, test } from '@playwright/test';
import type { ScoreInput } from '../../src/core/types';
import type { Model } from '../../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from '../../server/test-support';

const MODEL = 'tiny-bert-reward';
const candidates: ScoreInput[] = [
  {
    conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
    response: 'The capital of France is Paris.',
  },
  {
    conversation: {
      system: 'You are terse.',
      turns: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Name a prime.' },
      ],
    },
    response: '7.',
  },
];

let backend: Model;
let server: TestServer;

test.beforeAll(async ({ baseURL }) => {
  backend = await loadEmbedded(MODEL);
  // Only the app's origin may call it, as `serve --cors <origin>` does.
  // A long batching window puts the vLLM client's concurrent requests in one batch, as the local call is.
  server = await startTestServer({
    backend,
    modelId: MODEL,
    cors: [new URL(baseURL!).origin],
    batch: { maxWaitMs: 250 },
  });
});
test.afterAll(async () => {
  await server?.close();
  await backend?.dispose();
});

test('the browser engine’s TEI and vLLM clients score through our server with the Node engine’s numbers', async ({
  page,
}) => {
  const expected = (await backend.score(candidates)).map((r) => r.score);
  await page.goto('/e2e/harness/index.html');
  await expect(page.locator('#status')).toHaveText('ready');
  const got = await page.evaluate(
    async ({ origin, model, inputs }) => {
      const out: Record<string, number[]> = {};
      for (const engine of ['tei', 'vllm'] as const) {
        const info = await window.engine.load({ kind: 'remote', engine, baseUrl: origin, model });
        const results = await window.engine.score(info.handle, inputs);
        out[engine] = results.map((r) => r.score);
      }
      return out;
    },
    { origin: server.origin, model: MODEL, inputs: candidates },
  );
  expect(got).toEqual({ tei: expected, vllm: expected });
});
