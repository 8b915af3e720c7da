/**
 * Issue 25: with device "auto" and no WebGPU, running on WASM is the plan, not a failure: one calm line, no
 * warning naming navigator.gpu.requestAdapter(). Chromium runs here with WebGPU switched off, as on a machine
 * without a GPU.
 */
import { expect, test } from '@playwright/test';
import { openApp, waitForModel } from './helpers';

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
  const errors = await openApp(page);
  await waitForModel(page);
  await expect(page.getByLabel('Device', { exact: true })).toHaveValue('auto');
  await expect(page.getByTestId('ran-on')).toHaveText(/^wasm · q8/);
  const panel = page.getByRole('region', { name: 'Model' });
  await expect(panel.getByTestId('webgpu-line')).toHaveText(
    /^(No WebGPU adapter|This browser has no WebGPU) — running on WebAssembly \(CPU\)$/,
  );
  // Said once: no other paragraph of the panel mentions WebGPU or the fallback.
  await expect(panel.locator('p').filter({ hasText: /WebGPU|WebAssembly|wasm/i })).toHaveCount(1);
  await expect(panel.getByText(/Fell back/)).toHaveCount(0);
  await expect(panel.getByText(/requestAdapter/)).toHaveCount(0);
  await expect(panel.locator('.warn')).toHaveCount(0);
  expect(errors).toEqual([]);
});
