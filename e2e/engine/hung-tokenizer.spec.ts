/**
 * Issue 28, item 6, in the browser: a tokenizer that hangs despite the load-time regex check is stopped. The
 * model here is tiny-bert-reward with a Split pre-tokenizer `(\s)\1*\1*\1*\1*@`: stacked repeats of a
 * backreference, which the check (tokenizer-safety.ts) cannot compile alone and so cannot judge, yet their
 * polynomial backtracking (n⁴) keeps a response of 1,000 spaces tokenizing for hours. The worker client's watchdog terminates the worker after
 * 20 s in the tokenizing stage, every pending call rejects naming the model's tokenizer.json, and the UI's next
 * engine is a fresh worker that loads and scores.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const MODEL_DIR = 'public/models/tiny-bert-reward';
// Routed by the test itself; the host is the Hub mirror's (a free port picked by playwright.config.ts).
const MIRROR = `http://127.0.0.1:${process.env.E2E_MIRROR_PORT}/`;
const HUNG = `${MIRROR}reward-playground/hung-bert/resolve/main/`;

function hangingTokenizer(): string {
  const tokenizer = JSON.parse(readFileSync(`${MODEL_DIR}/tokenizer.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  tokenizer.pre_tokenizer = {
    type: 'Sequence',
    pretokenizers: [
      { type: 'Split', pattern: { Regex: '(\\s)\\1*\\1*\\1*\\1*@' }, behavior: 'Isolated', invert: false },
      tokenizer.pre_tokenizer,
    ],
  };
  return JSON.stringify(tokenizer);
}

test('a tokenization stuck past the limit replaces the worker and names the tokenizer.json', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tokenizerJson = hangingTokenizer();
  await page.context().route(`${HUNG}**`, (route) => {
    const file = route.request().url().slice(HUNG.length);
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (file === 'tokenizer.json') return route.fulfill({ status: 200, headers, body: tokenizerJson });
    const path = `${MODEL_DIR}/${file}`;
    if (!existsSync(path)) return route.fulfill({ status: 404, headers, body: 'Entry not found' });
    return route.fulfill({ status: 200, headers, body: readFileSync(path) });
  });
  await page.goto('/e2e/harness/index.html');
  await expect(page.locator('#status')).toHaveText('ready');

  const outcome = await page.evaluate(async (mirror) => {
    const conversation = { turns: [{ role: 'user' as const, content: 'Hi?' }] };
    const first = window.engine;
    const info = await first.load({
      kind: 'local',
      source: { type: 'url', baseUrl: mirror, id: 'reward-playground/hung-bert' },
      dtype: 'q8',
      device: 'wasm',
    });
    // The model itself works: an ordinary input tokenizes at once.
    const [healthy] = await first.score(info.handle, [{ conversation, response: 'Hello!' }]);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    const started = performance.now();
    const stuck = failure(first.score(info.handle, [{ conversation, response: `x${' '.repeat(1000)}` }]));
    // Queued behind the stuck call in the worker: it must fail too, not wait forever.
    const queued = failure(first.render(info.handle, { conversation, response: 'Queued.' }));
    const stuckMessage = await stuck;
    const seconds = (performance.now() - started) / 1000;
    const afterwards = await failure(first.score(info.handle, [{ conversation, response: 'Hello!' }]));
    const next = window.uiEngine();
    const fresh = await next.load({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-bert-reward' },
      dtype: 'q8',
      device: 'wasm',
    });
    const [again] = await next.score(fresh.handle, [{ conversation, response: 'Hello!' }]);
    return {
      healthy: Number.isFinite(healthy!.score),
      stuckMessage,
      queuedMessage: await queued,
      afterwards,
      seconds,
      replaced: first.replaced,
      freshEngine: next !== first,
      again: Number.isFinite(again!.score),
    };
  }, MIRROR);

  expect(outcome.healthy).toBe(true);
  expect(outcome.stuckMessage).toBe(
    `The tokenizer of reward-playground/hung-bert (${MIRROR}) ran for more than 20 s on one call and was ` +
      "stopped: a regex in that model's tokenizer.json (its normalizer or pre-tokenizer) backtracks on this " +
      'input. The inference worker running it was stopped, with every model it held.',
  );
  expect(outcome.queuedMessage).toBe(outcome.stuckMessage);
  expect(outcome.afterwards).toBe(outcome.stuckMessage);
  expect(outcome.seconds).toBeGreaterThanOrEqual(20);
  expect(outcome.seconds).toBeLessThan(40);
  expect(outcome.replaced).toBe(true);
  expect(outcome.freshEngine).toBe(true);
  expect(outcome.again).toBe(true);
});
