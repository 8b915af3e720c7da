import { expect, type Page } from '@playwright/test';

/** Opens the app and fails the test on any page error (an uncaught exception in the UI). */
export async function openApp(page: Page, path = '/'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Reward Playground' })).toBeVisible();
  return errors;
}

/** Waits until the default (or chosen) model is loaded: the panel shows what it ran on. */
export async function waitForModel(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByText('Ran on', { exact: true }).first()).toBeVisible({ timeout });
}

/** Opens the Batch view and chooses a dataset file (gzip when the name ends in .gz). */
export async function chooseBatchFile(page: Page, name: string, text: string | Buffer): Promise<void> {
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByLabel('Drop a .jsonl, .json or .jsonl.gz file here, or choose one').setInputFiles({
    name,
    mimeType: name.endsWith('.gz') ? 'application/gzip' : 'application/jsonl',
    buffer: Buffer.from(text),
  });
}

/** Scores the chosen file and waits until all `rows` are scored. */
export async function scoreBatchFile(page: Page, rows: number): Promise<void> {
  await page.getByRole('button', { name: 'Score file' }).click();
  await expect(page.getByText(`Scored ${rows} rows.`)).toBeVisible({ timeout: 90_000 });
}

/** The ranked list items, best first. */
export function rankedItems(page: Page) {
  return page.getByRole('list', { name: 'Ranked candidates' }).getByRole('listitem');
}

/** Waits until every candidate has a fresh score. */
export async function waitForScores(page: Page, count: number, timeout = 90_000): Promise<void> {
  await expect(rankedItems(page)).toHaveCount(count, { timeout });
  await expect(page.locator('.ranked.stale')).toHaveCount(0, { timeout });
}

/** Loads an embedded model from the panel (optionally a dtype and device) and waits until the panel names it. */
export async function loadEmbedded(
  page: Page,
  name: string,
  options: { dtype?: string; device?: string } = {},
): Promise<void> {
  await page.getByLabel('Embedded model').selectOption(name);
  if (options.dtype) await page.getByLabel('dtype', { exact: true }).selectOption(options.dtype);
  if (options.device) await page.getByLabel('Device', { exact: true }).selectOption(options.device);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.locator('dl.facts dd').first()).toHaveText(name, { timeout: 90_000 });
}

/**
 * Device "auto" without a usable WebGPU adapter (issue 25): the model panel says what runs in one calm line
 * (`line`) and warns about nothing.
 */
export async function expectOneCalmWebGpuLine(page: Page, line: RegExp): Promise<void> {
  const errors = await openApp(page);
  await waitForModel(page, 180_000);
  await expect(page.getByLabel('Device', { exact: true })).toHaveValue('auto');
  await expect(page.getByTestId('ran-on')).toHaveText(/^wasm · q8/);
  const panel = page.getByRole('region', { name: 'Model' });
  await expect(panel.getByTestId('webgpu-line')).toHaveText(line);
  // Said once: no other paragraph of the panel mentions WebGPU or the fallback.
  await expect(panel.locator('p').filter({ hasText: /WebGPU|WebAssembly|wasm/i })).toHaveCount(1);
  await expect(panel.getByText(/Fell back/)).toHaveCount(0);
  await expect(panel.getByText(/requestAdapter/)).toHaveCount(0);
  await expect(panel.locator('.warn')).toHaveCount(0);
  expect(errors).toEqual([]);
}
