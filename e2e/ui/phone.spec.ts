/**
 * Issue 10, item 12: on a phone the ranking sat two screens below a model panel that filled the first. The
 * stacked layout now folds the panel to one line (the active model) with a button to open it, a screen
 * less to scroll. Only a
 * browser applies the media query, hence an e2e spec.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the model panel folds to one line naming the active model', async ({ page }) => {
  const errors = await openApp(page);
  const summary = page.getByTestId('model-summary');
  await expect(summary).toContainText('minilm-form-reward', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Load model' })).toHaveCount(0);
  const panel = await page.locator('.model-panel').boundingBox();
  expect(panel!.height).toBeLessThan(140);

  await page.getByRole('button', { name: 'Change model' }).click();
  await expect(page.getByRole('button', { name: 'Load model' })).toBeVisible();
  await page.getByRole('button', { name: 'Hide model settings' }).click();
  await expect(page.getByRole('button', { name: 'Load model' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
