/** Models side by side (issue 14, item 1): the same candidates scored by several models, in the real worker. */
import { expect, test } from '@playwright/test';
import { kendallTau } from '../../src/core/stats';
import { loadEmbedded, openApp, waitForModel } from './helpers';

test('two models score the same candidates side by side, with ranks, z-scores and Kendall τ', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  // Three candidates, so the order (and τ) says something.
  await page
    .getByLabel('Example', { exact: true })
    .selectOption({ label: 'Explain recursion (system prompt)' });
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByRole('button', { name: 'Score with every model' })).toBeDisabled();

  await loadEmbedded(page, 'tiny-bert-reward', { dtype: 'fp32' });
  await page.getByRole('button', { name: 'Add tiny-bert-reward · fp32' }).click();
  await loadEmbedded(page, 'tiny-llama-reward', { dtype: 'fp32' });
  await page.getByRole('button', { name: 'Add tiny-llama-reward · fp32' }).click();
  await expect(
    page.getByRole('list', { name: 'Models in the comparison' }).getByRole('listitem'),
  ).toHaveCount(2);

  await page.getByRole('button', { name: 'Score with every model' }).click();
  const table = page.getByRole('table', { name: 'Candidates by model' });
  await expect(table).toBeVisible({ timeout: 90_000 });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Candidate',
    'tiny-bert-reward · fp32',
    'tiny-llama-reward · fp32',
  ]);
  await expect(table.getByRole('row')).toHaveCount(4);
  // Each model has exactly one leader and ranks 1..3.
  for (const col of [1, 2]) {
    const ranks = await table.locator(`tbody tr td:nth-child(${col + 1}) strong`).allInnerTexts();
    expect([...ranks].sort()).toEqual(['#1', '#2', '#3']);
  }
  // τ as shown is τ of the scores shown.
  const scoresOf = async (col: number) =>
    (await table.locator(`tbody tr td:nth-child(${col + 1}) .muted`).allInnerTexts()).map((t) =>
      Number(t.replace('score ', '')),
    );
  const tau = kendallTau(await scoresOf(1), await scoresOf(2));
  const tauTable = page.getByRole('table', { name: 'Kendall tau between models' });
  await expect(
    tauTable
      .getByRole('row', { name: /^tiny-bert-reward · fp32/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText(tau.toFixed(2));
  await expect(page.getByTestId('leader-agreement')).toHaveText(
    /^(All 2 models rank the same candidate first\.|The models disagree on the best candidate\.) \d of 3 candidates are ranked differently\.$/,
  );
  // The README's picture of the Models view.
  await page.locator('main').screenshot({ path: 'docs/screenshot-models.png' });
  const differently = await table.locator('tr.disagree').count();
  await expect(page.getByTestId('leader-agreement')).toContainText(`${differently} of 3 candidates`);

  // A share link carries the lineup: a fresh page opens on the Models view with both models listed.
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('input.share-link').inputValue();
  // A new context: nothing of the first page's storage, only what the link carries.
  const context = await page.context().browser()!.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect(
    other.getByText('Opened a shared comparison with 3 candidates and 2 models side by side.'),
  ).toBeVisible();
  await expect(
    other.getByRole('list', { name: 'Models in the comparison' }).getByRole('listitem'),
  ).toHaveText([/^tiny-bert-reward · fp32/, /^tiny-llama-reward · fp32/]);
  await context.close();

  // The lineup survives a reload (handles do not): scoring again loads the models.
  await page.reload();
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByText('not loaded yet')).toHaveCount(2);
  await page.getByRole('button', { name: 'Score with every model' }).click();
  await expect(page.getByRole('table', { name: 'Candidates by model' })).toBeVisible({ timeout: 90_000 });
  expect(errors).toEqual([]);
});
