import { expect, test } from '@playwright/test';
import { openApp, waitForModel, waitForScores } from './helpers';

/** The Hub mirror Playwright started (playwright.config.ts picks its free port). */
const MIRROR = `http://127.0.0.1:${process.env.E2E_MIRROR_PORT}/`;

test.describe('model sources (real worker)', () => {
  test('a Hub id downloads with progress from a mirror, then loads from the cache', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Hub id' }).check();
    await page.getByLabel('Hub model id').fill('reward-playground/tiny-llama-reward');
    await page.getByLabel('Hub host or mirror').fill(MIRROR);
    await page.getByLabel('dtype', { exact: true }).selectOption('fp32');
    await page.getByLabel('Device', { exact: true }).selectOption('wasm');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
    await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32', { timeout: 90_000 });
    await expect(page.getByText(/^downloaded \d+ files?, [\d.]+ (KiB|MiB)$/)).toBeVisible();
    await waitForScores(page, 2);

    await page.reload();
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32', { timeout: 90_000 });
    await expect(page.getByText('cached', { exact: true })).toBeVisible();
  });

  test('over the storage quota, a Hub model still loads and says it was not kept for next time', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    // As a nearly full disk or a strict browser setting would: 64 KiB for this origin's storage.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(page.url()).origin,
      quotaSize: 64 * 1024,
    });
    await page.getByRole('radio', { name: 'Hub id' }).check();
    await page.getByLabel('Hub model id').fill('reward-playground/tiny-bert-reward');
    await page.getByLabel('Hub host or mirror').fill(MIRROR);
    await page.getByLabel('dtype', { exact: true }).selectOption('fp32');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('ran-on')).toContainText('fp32', { timeout: 90_000 });
    await expect(page.getByTestId('cache-error')).toHaveText(
      /^model\.onnx \([\d.]+ MB\) was not kept for next time: this site's storage quota is exceeded\. It runs now/,
    );
    await waitForScores(page, 2);
  });

  test('offline, a Hub id fails quickly with a clear message', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Hub id' }).check();
    await page.getByLabel('Hub model id').fill('OpenAssistant/reward-model-deberta-v3-base');
    await page.getByRole('button', { name: 'Load model' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'OpenAssistant/reward-model-deberta-v3-base' });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
  });

  test('a remote engine that cannot be reached names the URL', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Remote engine' }).check();
    await page.getByLabel('Base URL', { exact: true }).fill('http://127.0.0.1:9/v1');
    await page.getByLabel('Model id', { exact: true }).fill('nvidia/nemotron-4-340b-reward');
    await page.getByLabel('API key', { exact: true }).fill('test-key');
    await page.getByRole('button', { name: 'Load model' }).click();
    await page
      .getByRole('button', { name: 'Score candidates' })
      .click()
      .catch(() => {});
    await expect(page.getByRole('alert').filter({ hasText: '127.0.0.1:9' }).first()).toBeVisible({
      timeout: 60_000,
    });
  });

  test('form errors are specific', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Custom URL' }).check();
    await page.getByLabel('Base URL (Hub layout)').fill('not a url');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByRole('alert')).toHaveText(/base URL of a server laid out like the Hub/);
  });
});
