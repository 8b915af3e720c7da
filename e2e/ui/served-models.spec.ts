/**
 * `REWARD_PLAYGROUND_MODELS=DIR npm start` (issue 12, item 4): the converted model folders in DIR are offered
 * beside the embedded models and load like them. playwright.config.ts starts the preview server with a folder
 * holding a copy of tiny-bert-reward named served-tiny-bert.
 */
import { expect, test } from '@playwright/test';
import { loadEmbedded, openApp, rankedItems, waitForModel, waitForScores } from './helpers';

test('a folder of converted models is listed and loads beside the embedded ones', async ({
  page,
  request,
}) => {
  const index = await (await request.get('/models/index.json')).json();
  expect(index.fromFolder).toEqual(['served-tiny-bert']);
  expect(index.embedded).toContain('minilm-form-reward');
  // Only files inside the model's folder are served, however the path is written.
  const escape = await request.get('/models/served-tiny-bert/..%2f..%2f..%2fplaywright.config.ts');
  expect(escape.status()).toBe(404);
  const dots = await request.get('/models/served-tiny-bert/%2e%2e/%2e%2e/%2e%2e/playwright.config.ts');
  expect(await dots.text()).not.toContain('defineConfig');
  expect((await request.get('/models/served-tiny-bert/config.json')).status()).toBe(200);

  await openApp(page);
  await waitForModel(page);
  const scoresOf = async () => {
    await waitForScores(page, 2);
    return rankedItems(page)
      .locator('.score')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  };
  await loadEmbedded(page, 'tiny-bert-reward');
  const embedded = await scoresOf();

  await expect(page.locator('optgroup[label="From REWARD_PLAYGROUND_MODELS"] option')).toHaveText([
    'served-tiny-bert',
  ]);
  await loadEmbedded(page, 'served-tiny-bert');
  await page.getByRole('button', { name: 'Score candidates' }).click();
  expect(await scoresOf()).toEqual(embedded);
});
