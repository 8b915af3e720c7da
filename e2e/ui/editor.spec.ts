import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test.describe('compare editor (no model needed)', () => {
  test('opens with the capital-of-France example', async ({ page }) => {
    await openApp(page);
    await expect(page.getByLabel('User turn 1')).toHaveValue('What is the capital of France?');
    await expect(page.getByLabel('Candidate 2', { exact: true })).toHaveValue('Google it pal.');
  });

  test('adds, duplicates, reorders, removes and pastes candidates within 2..16', async ({ page }) => {
    const errors = await openApp(page);
    const cands = page.locator('.candidates > li');
    await expect(cands).toHaveCount(2);
    // Two candidates is the minimum: remove is disabled.
    await expect(page.getByRole('button', { name: 'Remove Candidate 1' })).toBeDisabled();

    await page.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByLabel('Candidate 3', { exact: true }).fill('Paris.');
    await page.getByRole('button', { name: 'Duplicate Candidate 3' }).click();
    await expect(page.getByLabel('Candidate 4', { exact: true })).toHaveValue('Paris.');
    await page.getByLabel('Candidate 4', { exact: true }).fill('It is Paris, of course.');

    await page.getByRole('button', { name: 'Move Candidate 4 up' }).click();
    await expect(page.getByLabel('Candidate 3', { exact: true })).toHaveValue('It is Paris, of course.');
    await expect(page.getByLabel('Candidate 4', { exact: true })).toHaveValue('Paris.');
    await page.getByRole('button', { name: 'Move Candidate 1 down' }).click();
    await expect(page.getByLabel('Candidate 1', { exact: true })).toHaveValue('Google it pal.');

    await page.getByRole('button', { name: 'Remove Candidate 4' }).click();
    await expect(cands).toHaveCount(3);

    await page.getByRole('button', { name: 'Paste candidates…' }).click();
    await page
      .getByLabel('Paste responses, separated by a line with only ---')
      .fill('First\n---\nSecond\n---\n\n');
    await page.getByRole('button', { name: 'Add 2 candidates' }).click();
    await expect(cands).toHaveCount(5);
    await expect(page.getByLabel('Candidate 5', { exact: true })).toHaveValue('Second');

    // At most 16.
    for (let i = 0; i < 11; i++) await page.getByRole('button', { name: 'Add candidate' }).click();
    await expect(cands).toHaveCount(16);
    await expect(page.getByRole('button', { name: 'Add candidate' })).toBeDisabled();
    expect(errors).toEqual([]);
  });

  test('edits a multi-turn conversation with a system prompt', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('System prompt (optional)').fill('Answer in one sentence.');
    await page.getByRole('button', { name: 'Add a follow-up exchange' }).click();
    await page.getByLabel('Assistant turn 1', { exact: true }).fill('Paris.');
    await page.getByLabel('User turn 2').fill('And of Italy?');
    await expect(page.getByLabel('User turn 2')).toHaveValue('And of Italy?');
    await page.getByRole('button', { name: 'Remove Assistant turn 1 and the user turn after it' }).click();
    await expect(page.getByLabel('User turn 2')).toHaveCount(0);
  });

  test('loads the other examples', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('Example', { exact: true }).selectOption({ label: 'Multi-turn follow-up' });
    await expect(page.getByLabel('User turn 2')).toHaveValue(
      'How long until I can run 5 km without stopping?',
    );
    await expect(page.locator('.candidates > li')).toHaveCount(3);
  });

  test('keeps the comparison across a reload (persisted store)', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('User turn 1').fill('What is 2 + 2?');
    await page.getByLabel('Candidate 1', { exact: true }).fill('4');
    await page.getByRole('tab', { name: 'Batch' }).click();
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Batch' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await expect(page.getByLabel('User turn 1')).toHaveValue('What is 2 + 2?');
    await expect(page.getByLabel('Candidate 1', { exact: true })).toHaveValue('4');
  });

  test('tabs work from the keyboard', async ({ page }) => {
    await openApp(page);
    await page.getByRole('tab', { name: 'Compare' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Models' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Models side by side' })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Batch' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Batch scoring' })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('heading', { name: 'Parity check' })).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  });

  test('a share link carries the comparison to a fresh browser', async ({ page, browser }) => {
    await openApp(page);
    await page.getByLabel('System prompt (optional)').fill('Be terse.');
    await page.getByLabel('Candidate 1', { exact: true }).fill('Paris — «ville lumière» 🗼');
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/#share=v1\./);

    const other = await browser.newContext();
    const page2 = await other.newPage();
    await openApp(page2, link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(page2.getByText('Opened a shared comparison with 2 candidates.')).toBeVisible();
    await expect(page2.getByLabel('System prompt (optional)')).toHaveValue('Be terse.');
    await expect(page2.getByLabel('Candidate 1', { exact: true })).toHaveValue('Paris — «ville lumière» 🗼');
    await other.close();
  });

  test('a damaged share link says why and keeps the saved comparison', async ({ page }) => {
    await openApp(page, '/#share=v1.%%%notbase64');
    await expect(
      page.getByRole('alert').filter({ hasText: 'This share link cannot be opened' }),
    ).toBeVisible();
    await expect(page.getByLabel('User turn 1')).toHaveValue('What is the capital of France?');
  });

  test('the API key stays in sessionStorage unless the user opts in', async ({ page }) => {
    await openApp(page);
    await page.getByRole('radio', { name: 'Remote engine' }).check();
    // A key is kept for one host, so the base URL comes first.
    await page.getByLabel('Base URL', { exact: true }).fill('http://127.0.0.1:9/v1');
    await page.getByLabel('API key', { exact: true }).fill('nvapi-secret-123');
    const where = () =>
      page.evaluate(() => ({
        local: JSON.stringify(Object.entries(localStorage)),
        session: JSON.stringify(Object.entries(sessionStorage)),
      }));
    let s = await where();
    expect(s.local).not.toContain('nvapi-secret-123');
    expect(s.session).toContain('nvapi-secret-123');
    await page.getByLabel('Remember the API key on this device').check();
    s = await where();
    expect(s.local).toContain('nvapi-secret-123');
    expect(s.session).not.toContain('nvapi-secret-123');
    // The share link never carries the key.
    await page.getByLabel('Model id', { exact: true }).fill('nvidia/nemotron-4-340b-reward');
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const payload = Buffer.from(link.split('#share=v1.')[1]!, 'base64url').toString('utf8');
    expect(payload).toContain('nemotron-4-340b-reward');
    expect(payload).not.toContain('nvapi-secret-123');
  });
});
