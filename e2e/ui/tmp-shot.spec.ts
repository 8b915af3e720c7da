import { test } from '@playwright/test';
import { openApp, waitForModel, waitForScores } from './helpers';
test('shot', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.screenshot({ path: '/tmp/shot1.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.screenshot({ path: '/tmp/shot2.png' });
});
