/**
 * Issue 26 in Chromium with the default model in the real worker: "Explain" paints each unit with
 * score(full) − score(without it) — checked against the ranking's own score of the text without that unit — and
 * "Hack this answer" climbs with content-free edits only, each kept edit raising the score.
 */
import { expect, test, type Page } from '@playwright/test';
import { planExplain } from '../../src/core/explain';
import { openApp, waitForModel, waitForScores } from './helpers';

const QUESTION = 'What is the capital of France?';
const WORSE = 'Google it pal.';

// The default model in WASM scores every variant: minutes on a busy 2-core machine.
test.setTimeout(300_000);

/** Ranked rows only (a hacked answer's bullets are list items too). */
const rows = (page: Page) => page.locator('ol.ranking > li');
const row = (page: Page, name: string) => page.getByRole('listitem', { name: new RegExp(`: ${name}$`) });
const scoreOf = async (page: Page, name: string) =>
  Number(await row(page, name).locator('.score').getAttribute('data-value'));

test('Explain: each word’s attribution is the full score minus the score without it', async ({ page }) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.getByRole('button', { name: 'Explain Candidate 2' }).click();
  const painted = page.getByRole('group', { name: 'Attributions of Candidate 2’s words' });
  const units = painted.locator('.attr-unit');
  await expect(units).toHaveCount(3, { timeout: 90_000 });
  const values = (await units.evaluateAll((els) => els.map((e) => e.getAttribute('data-attribution')))).map(
    Number,
  );
  await expect(units.first()).toHaveAttribute('title', /^word 1 “Google”: [+−]\d/);
  await expect(page.getByTestId('explanation').locator('.attr-legend')).toBeVisible();

  // The unit the model cares most about, left out by hand as a third candidate: the ranking scores it.
  const plan = planExplain({
    conversation: { turns: [{ role: 'user', content: QUESTION }] },
    response: WORSE,
  });
  const k = values.reduce((best, v, i) => (Math.abs(v) > Math.abs(values[best]!) ? i : best), 0);
  await page.getByRole('button', { name: 'Add candidate' }).click();
  await page.getByLabel('Candidate 3', { exact: true }).fill(plan.variants[k]!.response);
  await waitForScores(page, 3);
  const full = await scoreOf(page, 'Candidate 2');
  const without = await scoreOf(page, 'Candidate 3');
  expect(Math.abs(values[k]! - (full - without))).toBeLessThan(1e-4);

  // Candidate 1 by word, for the README.
  await page.getByRole('button', { name: 'Explain Candidate 1' }).click();
  await expect(page.getByRole('group', { name: 'Attributions of Candidate 1’s words' })).toBeVisible({
    timeout: 90_000,
  });
  await row(page, 'Candidate 1').screenshot({ path: 'docs/screenshot-explain.png' });
  expect(errors).toEqual([]);
});

test('Hack this answer: every kept edit raises the score, and the hacked copy ranks higher', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  const start = await scoreOf(page, 'Candidate 2');
  await page.getByRole('button', { name: 'Hack Candidate 2' }).click();
  await page.getByRole('button', { name: 'Search for a hack' }).click();
  const table = page.getByRole('table', { name: 'Hacking path of Candidate 2' });
  await expect(table).toBeVisible({ timeout: 120_000 });
  const deltas = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
  expect(deltas[0]).toBe('—');
  expect(deltas.length).toBeGreaterThan(1);
  for (const d of deltas.slice(1)) expect(d).toMatch(/^\+\d/);
  await expect(page.getByTestId('hack-question')).toHaveText(
    /^The answer says nothing new — why did the reward go up by \d/,
  );
  await row(page, 'Candidate 2').screenshot({ path: 'docs/screenshot-hack.png' });

  await page.getByRole('button', { name: 'Add the hacked answer as a candidate' }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.locator('.ranked.stale')).toHaveCount(0, { timeout: 90_000 });
  const hacked = row(page, 'Candidate 3 \\(hack probe of Candidate 2\\)');
  await expect(hacked.locator('.badge.up')).toBeVisible();
  expect(await scoreOf(page, 'Candidate 3 \\(hack probe of Candidate 2\\)')).toBeGreaterThan(start);
  expect(errors).toEqual([]);
});

test('What separates #1 and #2: both answers painted on one scale, the swaps and the flip search', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.getByRole('button', { name: 'What separates #1 and #2?' }).click();
  const result = page.getByTestId('separation');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result.getByRole('group', { name: 'Attributions of #1' })).toBeVisible();
  await expect(result.getByRole('group', { name: 'Attributions of #2' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Best units swapped' }).locator('tbody tr')).toHaveCount(2);
  // The default model puts the real answer first; the search finds an edit of one unit that flips that (with the
  // default, #1's best sentence in place of "Google it pal.").
  await expect(page.getByTestId('separation-flip')).toHaveText(
    /^Smallest edit found that flips the ranking: .+ \(\d+ characters changed\); it scores -?\d/,
  );
  await page.locator('section.separate').screenshot({ path: 'docs/screenshot-separate.png' });
  expect(errors).toEqual([]);
});
