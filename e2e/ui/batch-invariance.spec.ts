/** The batch-invariance probe (issue 14, item 4) on the default model, in the real worker. */
import { expect, test } from '@playwright/test';
import { openApp, waitForModel, waitForScores } from './helpers';

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
