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
