/**
 * "Check this model" (issue 14, item 3): the bundled human-labelled check set scored in the browser with
 * progress and cancel; the figures shown are the ones the Node engine gives for the same model and pairs;
 * results are kept per model across a reload and shown side by side.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { pairOutcomes, parseDataset, scoreInputsOf } from '../../src/core/formats';
import { summarizeCheck } from '../../src/core/model-check';
import { loadModel } from '../../src/engine/node';
import { loadEmbedded, openApp, waitForModel } from './helpers';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pct = (p: number) => `${(p * 100).toFixed(p > 0.995 || p < 0.005 ? 1 : 0)}%`;

test('checks a model on the human-labelled set, as the Node engine scores it, and keeps the result', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // What the same model gives in Node on the same 265 pairs.
  const data = parseDataset(readFileSync(join(REPO, 'public/check-set/human-pairs.jsonl'), 'utf8'), {
    format: 'pairs',
  });
  expect(data.records).toHaveLength(265);
  expect(data.errors).toEqual([]);
  const backend = await loadModel({
    kind: 'local',
    source: { type: 'embedded', name: 'tiny-bert-reward' },
    dtype: 'fp32',
    device: 'cpu',
  });
  const scores = [];
  for (const r of data.records) scores.push(await backend.score(r.row ? scoreInputsOf(r.row) : []));
  await backend.dispose();
  const expected = summarizeCheck(pairOutcomes(data.records, scores));

  const errors = await openApp(page);
  await waitForModel(page);
  await loadEmbedded(page, 'tiny-bert-reward', { dtype: 'fp32', device: 'wasm' });
  await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32');

  // The card's own figures, beside what the check will measure.
  const facts = page.getByTestId('card-facts');
  await expect(facts).toContainText('Card accuracy');
  await expect(facts).toContainText('on 989 held-out pairs');
  await expect(facts).toContainText(
    /Length bias\d+% right when the chosen answer is longer, \d+% when shorter/,
  );
  await expect(facts).toContainText('Intended use:');

  await page.getByRole('button', { name: 'Check this model' }).click();
  await expect(page.getByRole('progressbar', { name: 'Model check' })).toBeVisible();
  // A time estimate from the first batch on (issue 27).
  await expect(page.locator('.model-check .progress-text')).toContainText(
    / · (a few seconds|about \d+ (s|min)) left$/,
  );
  const table = page.getByRole('table', { name: 'Model check results' });
  const row = table.getByRole('row', { name: /^tiny-bert-reward · fp32 \(loaded\)/ });
  await expect(row).toBeVisible({ timeout: 180_000 });
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(`${pct(expected.overall.accuracy)} of 265`);
  await expect(cells.nth(1)).toHaveText(pct(expected.longerWins.accuracy));
  await expect(cells.nth(2)).toHaveText(pct(expected.chosenLonger.accuracy));
  await expect(cells.nth(3)).toHaveText(pct(expected.chosenShorter.accuracy));
  await expect(
    page.getByRole('img', { name: /^Calibration of tiny-bert-reward: confidence \d+%/ }),
  ).toBeVisible();
  // The README's picture of the check.
  await page.locator('.model-panel').screenshot({ path: 'docs/screenshot-check.png' });

  // A second model: cancel first (nothing kept), then its row joins the first after a reload.
  await loadEmbedded(page, 'tiny-llama-reward');
  await page.getByRole('button', { name: 'Check this model' }).click();
  await page.getByRole('button', { name: 'Cancel check' }).click();
  await expect(page.getByText('Check cancelled: nothing was kept.')).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2); // the header and tiny-bert-reward
  await page.getByRole('button', { name: 'Check this model' }).click();
  await expect(table.getByRole('row', { name: /^tiny-llama-reward · fp32 \(loaded\)/ })).toBeVisible({
    timeout: 180_000,
  });
  await page.reload();
  await waitForModel(page);
  await expect(table.getByRole('row', { name: /^tiny-bert-reward · fp32/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^tiny-llama-reward · fp32/ })).toBeVisible();
  expect(errors).toEqual([]);
});
