/** Issue 25: empty answers are flagged and never ranked; a stale or missing score is always named as such. */
import { expect, test } from '@playwright/test';
import { openApp, rankedItems, waitForModel, waitForScores } from './helpers';

test('empty and whitespace-only answers are flagged, not scored and never ranked', async ({ page }) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  const notRanked = page.getByRole('list', { name: 'Not ranked' });

  await page.getByRole('button', { name: 'Add candidate' }).click();
  await expect(notRanked.getByRole('listitem')).toHaveText(/^Candidate 3 empty answer — not scored$/);
  await page.getByLabel('Candidate 3', { exact: true }).fill(' \n\t ');
  // Longer than the rescoring debounce: an empty answer is still not sent to the model.
  await page.waitForTimeout(1500);
  await expect(notRanked.getByRole('listitem')).toHaveText(/^Candidate 3 empty answer — not scored$/);
  await expect(rankedItems(page)).toHaveCount(2);

  // A scored answer that is emptied leaves the ranking, whatever its old score was.
  await page.getByLabel('Candidate 1', { exact: true }).fill('');
  await expect(rankedItems(page)).toHaveCount(1);
  await expect(rankedItems(page).first()).toHaveAccessibleName('Rank 1: Candidate 2');
  await expect(notRanked.getByRole('listitem')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('with "Rescore after edits" off, an edited row is marked stale and a new one "not scored yet"', async ({
  page,
}) => {
  await openApp(page);
  await waitForModel(page);
  await waitForScores(page, 2);
  await page.getByLabel('Rescore after edits').uncheck();

  await page.getByLabel('Candidate 2', { exact: true }).fill('Paris is the capital of France.');
  const edited = rankedItems(page).filter({ hasText: 'Paris is the capital of France.' });
  await expect(edited.getByTestId('stale-score')).toHaveText(
    'stale: score is for the previous input — press Score candidates',
  );
  await page.waitForTimeout(1500);
  await expect(edited.getByText('edited — rescoring')).toHaveCount(0);
  await expect(edited.locator('.score')).toHaveClass(/stale-score/);

  await page.getByRole('button', { name: 'Add candidate' }).click();
  await page.getByLabel('Candidate 3', { exact: true }).fill('It is Paris.');
  await expect(page.getByRole('list', { name: 'Not ranked' }).getByRole('listitem')).toHaveText(
    /^Candidate 3 not scored yet — press Score candidates$/,
  );

  await page.getByRole('button', { name: 'Score candidates' }).click();
  await waitForScores(page, 3);
  await expect(page.getByTestId('stale-score')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Not ranked' })).toHaveCount(0);
});
