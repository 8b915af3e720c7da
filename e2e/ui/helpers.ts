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
