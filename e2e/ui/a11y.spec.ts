import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForModel, waitForScores } from './helpers';

/** WCAG 2.1 A/AA violations on the page as it stands, one line each (id: targets). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const tab of ['Compare', 'Batch', 'Parity'] as const) {
  test(`${tab} tab has no axe violations`, async ({ page }) => {
    await openApp(page);
    await page.getByRole('tab', { name: tab }).click();
    // Open disclosures so their content is checked too.
    for (const s of await page.locator('details > summary').all()) await s.click();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('every form control has an accessible name', async ({ page }) => {
  await openApp(page);
  for (const kind of ['Embedded', 'Hub id', 'Custom URL', 'Remote engine']) {
    await page.getByRole('radio', { name: kind }).check();
    const unnamed = await page.locator('input, select, textarea, button').evaluateAll((els) =>
      els
        .filter((el) => {
          const e = el as HTMLInputElement;
          const labelled = e.labels && e.labels.length > 0;
          return (
            !labelled &&
            !e.getAttribute('aria-label') &&
            !e.getAttribute('aria-labelledby') &&
            !e.textContent?.trim()
          );
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  }
});

test('Compare tab with scored results, probes and the win matrix has no axe violations', async ({ page }) => {
  await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.getByRole('button', { name: /^Probe Candidate 1/ }).click();
  await waitForScores(page, 6);
  for (const s of await page.locator('details > summary').all()) await s.click();
  await page.getByRole('button', { name: 'Share link' }).click();
  expect(await axeViolations(page)).toEqual([]);
});
