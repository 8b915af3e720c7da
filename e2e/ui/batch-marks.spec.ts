/** Issue 25: the Batch view marks each pair right or wrong, and its scatter tells chosen from rejected. */
import { expect, test } from '@playwright/test';
import { chooseBatchFile, openApp, scoreBatchFile, waitForModel } from './helpers';

const PAIRS = [
  {
    prompt: 'What is the capital of France?',
    chosen: 'The capital of France is Paris.',
    rejected: 'Google it pal.',
  },
  { prompt: 'How many legs does a spider have?', chosen: 'A spider has eight legs.', rejected: 'Who cares.' },
  {
    prompt: 'Say hello politely.',
    chosen: 'Hello! How can I help you today?',
    rejected: 'What do you want?',
  },
]
  .map((p) => JSON.stringify(p))
  .join('\n');

test('each pair row says whether the chosen answer scored higher; the scatter has chosen and rejected series', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await chooseBatchFile(page, 'pairs.jsonl', PAIRS);
  await scoreBatchFile(page, 3);

  const rows = page.getByRole('table', { name: /Scores per row/ });
  await expect(rows.getByRole('columnheader', { name: 'Chosen higher?' })).toBeVisible();
  const body = rows.locator('tbody tr');
  await expect(body).toHaveCount(3);
  let right = 0;
  for (const row of await body.all()) {
    const [chosen, rejected] = (await row.locator('.kv').allInnerTexts()).map((t) =>
      Number(t.split(': ')[1]),
    );
    const mark = await row.getByRole('cell').nth(3).innerText();
    // The mark agrees with the scores shown beside it.
    expect(mark).toBe(
      chosen! > rejected! ? '✓ right' : chosen! < rejected! ? '✗ wrong' : '= tie (counts as wrong)',
    );
    if (mark === '✓ right') right++;
  }
  // …and with the accuracy table's count of correct pairs.
  const acc = page.getByRole('table', { name: /chosen response scores above/ });
  await expect(
    acc
      .getByRole('row', { name: /All pairs/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText(String(right));

  await expect(page.getByRole('img', { name: /^Response length versus score/ })).toHaveAccessibleName(
    'Response length versus score: chosen (3, circles), rejected (3, triangles)',
  );
  expect(errors).toEqual([]);
});
