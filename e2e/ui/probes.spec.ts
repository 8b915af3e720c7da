/** Probes of the Parity view (issue 14, item 4): batch invariance and the quantization sweep, in the real worker. */
import { expect, test } from '@playwright/test';
import { loadEmbedded, openApp, waitForModel, waitForScores } from './helpers';

test('scores alone and inside a padded batch of 16 agree for the shipped weight-only model', async ({
  page,
}) => {
  await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.getByRole('tab', { name: 'Parity' }).click();
  await page.getByRole('button', { name: 'Check batch invariance' }).click();
  const table = page.getByRole('table', { name: 'Batch invariance' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 90_000 });
  await expect(page.getByTestId('invariance-verdict')).toHaveText(
    /^Batch-invariant: no score moved by more than 0\.0001/,
  );
  // The "alone" column is what the Compare view shows.
  const alone = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
  await page.getByRole('tab', { name: 'Compare' }).click();
  const shown = await page.locator('.ranked .score').allInnerTexts();
  expect([...alone].sort()).toEqual([...shown].sort());
});

test('the quantization sweep scores every shipped dtype against fp32', async ({ page }) => {
  await openApp(page);
  await waitForModel(page);
  await loadEmbedded(page, 'tiny-bert-reward');
  await page.getByRole('tab', { name: 'Parity' }).click();
  await page.getByRole('button', { name: 'Sweep the dtypes' }).click();
  const table = page.getByRole('table', { name: 'Quantization sweep' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 90_000 });
  await expect(table.locator('caption')).toHaveText('Against fp32');
  await expect(table.getByRole('row', { name: /^fp32/ }).getByRole('cell').nth(1)).toHaveText('1.000');
  await expect(table.getByRole('row', { name: /^fp32/ }).getByRole('cell').nth(2)).toHaveText('0.00e+0');
  await expect(table.getByRole('row', { name: /^q8/ })).toBeVisible();
});

test('input-format A/B scores the candidates presented other ways, against the input as fed', async ({
  page,
}) => {
  await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  const shown = await page.locator('.ranked .score').allInnerTexts();
  await page.getByRole('tab', { name: 'Parity' }).click();
  await page.getByRole('button', { name: 'Compare input formats' }).click();
  const table = page.getByRole('table', { name: 'Input-format A/B' });
  // No system prompt in the example: that variant is left out.
  await expect(table.locator('tbody tr th')).toHaveText(
    [
      'As the model is fed (pair / chat template)',
      'Response alone (no prompt)',
      'Everything as one raw text',
    ],
    { timeout: 90_000 },
  );
  const asFed = table.getByRole('row', { name: /^As the model is fed/ });
  await expect(asFed.getByRole('cell').first()).toHaveText('1.00');
  const fed = await asFed.getByRole('cell').allInnerTexts();
  expect([...fed.slice(1)].sort()).toEqual([...shown].sort());

  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByLabel('System prompt (optional)').fill('Answer in one word.');
  await page.getByRole('tab', { name: 'Parity' }).click();
  await page.getByRole('button', { name: 'Compare input formats' }).click();
  await expect(table.getByRole('row', { name: /^System prompt removed/ })).toBeVisible({ timeout: 90_000 });
  await expect(table.locator('tbody tr')).toHaveCount(4);
});
