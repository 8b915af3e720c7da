/**
 * Issue 25: models join the Models view from the view itself, without changing the model panel (and so Compare's
 * model); the candidate column renders Markdown as Compare does.
 */
import { expect, test } from '@playwright/test';
import { openApp, waitForModel } from './helpers';

test('models are added in the Models view; the panel keeps its model; candidates render as Markdown', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  const panelModel = page.locator('dt:text-is("Model") + dd');
  await expect(panelModel).toHaveText('minilm-form-reward');
  await page.getByRole('tab', { name: 'Models' }).click();

  const form = page.getByRole('group', { name: 'Add a model' });
  for (const name of ['tiny-bert-reward', 'tiny-llama-reward']) {
    await form.getByLabel('Model to add').selectOption(name);
    // Only the dtypes the model's folder ships (fp32 and q8 for the fixtures).
    await expect(form.getByLabel('Its dtype').locator('option')).toHaveText(['fp32', 'q8']);
    await form.getByLabel('Its dtype').selectOption('fp32');
    await form.getByRole('button', { name: 'Add to the comparison' }).click();
  }
  await expect(page.getByRole('list', { name: 'Models in the comparison' }).getByRole('listitem')).toHaveText(
    [/^tiny-bert-reward · fp32/, /^tiny-llama-reward · fp32/],
  );
  await expect(form.getByRole('button', { name: 'Add to the comparison' })).toBeDisabled();

  await page.getByRole('button', { name: 'Score with every model' }).click();
  const table = page.getByRole('table', { name: 'Candidates by model' });
  await expect(table).toBeVisible({ timeout: 90_000 });
  // The France example's first answer has **Paris**: bold, as in Compare, never the raw asterisks.
  const first = table.getByRole('row', { name: 'Candidate 1' });
  await expect(first.locator('strong', { hasText: 'Paris' })).toHaveCount(1);
  await expect(table).not.toContainText('**');

  // The panel, and Compare with it, still run the model they had.
  await expect(panelModel).toHaveText('minilm-form-reward');
  await expect(page.getByLabel('Embedded model')).toHaveValue('minilm-form-reward');
  expect(errors).toEqual([]);
});
