/**
 * Issue 10, item 4: an 8 KB share link with 3,000 nested "> " markers overflowed the stack in the Markdown
 * renderer and blanked the app, and the state was persisted, so a reload was blank too. The page is the
 * only place where the link, the persisted state and the renderer meet, hence an e2e spec.
 */
import { expect, test } from '@playwright/test';
import { encodeShare } from '../../src/core/share';
import { openApp, rankedItems, waitForScores } from './helpers';

test('a share link with 3,000 nested quotes renders, and a reload still works', async ({ page }) => {
  const deep = `${'> '.repeat(3000)}deep text`;
  const link = encodeShare({
    conversation: { turns: [{ role: 'user', content: 'Quote this?' }] },
    candidates: [
      { id: 'a', text: deep },
      { id: 'b', text: 'A plain answer.' },
    ],
  });
  const errors = await openApp(page, `/#share=${link}`);
  await expect(page.getByText('Opened a shared comparison with 2 candidates.')).toBeVisible();
  await page.getByLabel('Preview Markdown').check();
  await expect(page.getByRole('group', { name: /^Preview of Candidate/ }).first()).toContainText('deep text');
  // The ranking renders each response as Markdown too.
  await waitForScores(page, 2);
  await expect(rankedItems(page).filter({ hasText: 'deep text' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Reward Playground' })).toBeVisible();
  await waitForScores(page, 2);
  await expect(rankedItems(page).filter({ hasText: 'deep text' })).toHaveCount(1);
  expect(errors).toEqual([]);
});
