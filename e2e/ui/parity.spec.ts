import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForModel } from './helpers';

async function pick(page: Page, setting: 'Setting A' | 'Setting B', device: string, dtype: string) {
  const group = page.getByRole('group', { name: setting });
  await group.getByLabel('Device', { exact: true }).selectOption(device);
  await group.getByLabel('dtype', { exact: true }).selectOption(dtype);
}

/** The parity view compares two settings of the loaded model: tiny-bert-reward ships both fp32 and q8 files
 * (the default minilm-form-reward ships q8 only). */
async function loadFixture(page: Page) {
  await openApp(page);
  await waitForModel(page);
  await page.getByLabel('Embedded model').selectOption('tiny-bert-reward');
  await page.getByLabel('dtype', { exact: true }).selectOption('q8');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.locator('dt:text-is("Model") + dd')).toHaveText('tiny-bert-reward', { timeout: 90_000 });
}

test.describe('parity check (real worker)', () => {
  test('fp32 against q8 on WASM: Kendall τ, max difference and a verdict', async ({ page }) => {
    await loadFixture(page);
    await page.getByRole('tab', { name: 'Parity' }).click();
    await pick(page, 'Setting A', 'wasm', 'fp32');
    await pick(page, 'Setting B', 'wasm', 'q8');
    await page.getByRole('button', { name: 'Run parity check' }).click();
    await expect(page.getByText('Kendall τ', { exact: true })).toBeVisible({ timeout: 90_000 });
    const panel = page.getByRole('region', { name: 'Parity check' });
    await expect(panel.getByText('wasm · fp32', { exact: true })).toBeVisible();
    await expect(panel.getByText('wasm · q8', { exact: true })).toBeVisible();
    await expect(page.getByText(/^The settings (agree|disagree)/)).toBeVisible();
    const rows = page.getByRole('table', { name: 'Scores per candidate' }).getByRole('row');
    await expect(rows).toHaveCount(3);
    // An absurdly tight tolerance must produce the disagreement warning (q8 never matches fp32 exactly).
    await page.getByLabel('Tolerance (max |Δscore|)').fill('0');
    await expect(page.getByRole('alert').filter({ hasText: 'The settings disagree' })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('WASM against WebGPU fp32 on short inputs', async ({ page }) => {
    test.slow(); // WebGPU here is SwiftShader: correct but slow.
    await loadFixture(page);
    await page.getByRole('tab', { name: 'Parity' }).click();
    await pick(page, 'Setting A', 'wasm', 'fp32');
    await pick(page, 'Setting B', 'webgpu', 'fp32');
    await page.getByRole('button', { name: 'Run parity check' }).click();
    await expect(page.getByText('Kendall τ', { exact: true })).toBeVisible({ timeout: 200_000 });
    // Either WebGPU ran and agrees with WASM, or the fallback is announced: never a silent swap.
    const ranB = await page.locator('dt:text-is("B ran on") + dd').innerText();
    if (ranB.startsWith('webgpu')) {
      await expect(page.getByText(/^The settings agree/)).toBeVisible();
    } else {
      await expect(page.getByText(/^Setting B fell back to wasm/)).toBeVisible();
    }
  });
});
