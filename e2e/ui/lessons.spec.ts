/** Guided lessons (issue 14, item 5): opened from the menu or a teacher's link, scored with the loaded model. */
import { expect, test } from '@playwright/test';
import { openApp, rankedItems, waitForModel, waitForScores } from './helpers';

test('a lesson link opens the lesson, with its question, and scores it with the loaded model', async ({
  page,
}) => {
  const errors = await openApp(page, '/#lesson=length-bias');
  await expect(
    page.getByRole('heading', { name: 'Lesson: Length bias: does padding buy reward?' }),
  ).toBeVisible();
  await expect(page.getByText(/^Ask: The three answers say the same thing/)).toBeVisible();
  await page.getByText('What to look for').click();
  await expect(page.getByText(/reward hacking/)).toBeVisible();
  await waitForModel(page);
  await waitForScores(page, 3);
  await expect(rankedItems(page).filter({ hasText: 'I hope this helps!' })).toHaveCount(1);

  // The menu switches lessons; closing one keeps the comparison.
  await page.getByLabel('Lesson', { exact: true }).selectOption('multi-turn');
  await expect(page.getByRole('heading', { name: /^Lesson: Multi-turn/ })).toBeVisible();
  await waitForScores(page, 3);
  await expect(page.getByLabel('User turn 2')).toHaveValue('Can I still change it to the afternoon?');
  await page.getByRole('button', { name: 'Close lesson' }).click();
  await expect(page.getByRole('heading', { name: /^Lesson:/ })).toHaveCount(0);
  await expect(rankedItems(page)).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a link to a lesson that does not exist says so and lists the lessons', async ({ page }) => {
  await openApp(page, '/#lesson=nope');
  await expect(
    page.getByText(/names a lesson "nope" that does not exist\. Lessons: length-bias, sycophancy/),
  ).toBeVisible();
});

test('the "Opened the lesson" notice goes once another lesson is opened', async ({ page }) => {
  await openApp(page, '/#lesson=length-bias');
  const notice = page.getByRole('status').filter({ hasText: /^Opened the lesson/ });
  await expect(notice).toHaveText(/Opened the lesson "Length bias: does padding buy reward\?"/);
  await page.getByLabel('Lesson', { exact: true }).selectOption('format');
  await expect(page.getByRole('heading', { name: /^Lesson: Format sensitivity/ })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('the format lesson says why plain text and SHOUTING can tie; menus and card ids are laid out cleanly', async ({
  page,
}) => {
  await openApp(page, '/#lesson=format');
  await page.getByText('What to look for').click();
  await expect(page.getByText(/tie at Δ = 0.*tokenizer is uncased.*lowercases every input/)).toBeVisible();

  // The Example/Lesson menus keep a gap above the card that follows them.
  const gap = await page.locator('.row.examples').evaluate((row) => {
    const next = row.nextElementSibling!;
    return next.getBoundingClientRect().top - row.getBoundingClientRect().bottom;
  });
  expect(gap).toBeGreaterThanOrEqual(8);

  // Dataset ids in the card's Data row break after separators if they must; the other facts wrap whole words.
  const data = page.getByTestId('card-data');
  await expect(data).toBeVisible({ timeout: 90_000 });
  expect(await data.evaluate((dd) => getComputedStyle(dd).overflowWrap)).toBe('break-word');
  const ids = data.locator('.id');
  expect(await ids.count()).toBeGreaterThan(1);
  expect(await ids.first().evaluate((s) => getComputedStyle(s).overflowWrap)).toBe('anywhere');
  expect(await data.locator('wbr').count()).toBeGreaterThan(0);
});
