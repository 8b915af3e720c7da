/**
 * Issue 25: with device "auto" and no WebGPU, running on WASM is the plan, not a failure: one calm line, no
 * "Fell back" warning naming navigator.gpu.requestAdapter(). Chromium runs with WebGPU switched off, as on a
 * machine without a GPU.
 */
import { expect, test } from '@playwright/test';
import { expectOneCalmWebGpuLine, loadEmbedded, openApp, waitForModel } from './helpers';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--disable-features=WebGPU',
      '--no-sandbox',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  },
});

test('device auto without WebGPU: one info line, no fallback warning', async ({ page }) => {
  test.slow();
  await expectOneCalmWebGpuLine(
    page,
    /^(No WebGPU adapter|This browser has no WebGPU) — running on WebAssembly \(CPU\)$/,
  );
});

test('Parity offers only what the model and browser can run, and says so when that is one setting', async ({
  page,
}) => {
  test.slow();
  await openApp(page);
  await waitForModel(page, 180_000);
  await page.getByRole('tab', { name: 'Parity' }).click();
  const a = page.getByRole('group', { name: 'Setting A' });
  // The default ships q8 only, and there is no WebGPU: one setting, said plainly, nothing to run.
  await expect(a.getByLabel('dtype', { exact: true }).locator('option')).toHaveText(['q8']);
  await expect(a.getByLabel('Device', { exact: true }).locator('option')).toHaveText(['wasm']);
  await expect(page.getByTestId('parity-single')).toContainText(
    'Only one setting can run this model here: wasm · q8',
  );
  await expect(page.getByRole('button', { name: 'Run parity check' })).toBeDisabled();

  // A model that ships fp32 and q8 starts on a pair that runs.
  await loadEmbedded(page, 'tiny-bert-reward');
  await expect(page.getByTestId('parity-single')).toHaveCount(0);
  await expect(a.getByLabel('dtype', { exact: true })).toHaveValue('fp32');
  await expect(
    page.getByRole('group', { name: 'Setting B' }).getByLabel('dtype', { exact: true }),
  ).toHaveValue('q8');
  await page.getByRole('button', { name: 'Run parity check' }).click();
  const panel = page.getByRole('region', { name: 'Parity check' });
  await expect(panel.getByText('wasm · fp32', { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByText('wasm · q8', { exact: true })).toBeVisible();
});
