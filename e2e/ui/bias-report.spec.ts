import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { chooseBatchFile, loadEmbedded, openApp, scoreBatchFile, waitForModel } from './helpers';

/**
 * Candidate lists: per prompt a plain answer (every other one restating the question), a bulleted one with a
 * header, and an apologetic hedge.
 */
const QUESTIONS: [string, string][] = [
  ['What is the capital of France?', 'Paris'],
  ['How many legs does a spider have?', 'Eight'],
  ['What colour is the sky on a clear day?', 'Blue'],
  ['Which planet is closest to the sun?', 'Mercury'],
  ['What do bees make?', 'Honey'],
  ['What is frozen water called?', 'Ice'],
];
const FILE = QUESTIONS.map(([q, a], i) =>
  JSON.stringify({
    prompt: q,
    responses: [
      i % 2 ? `${a}.` : `You asked: ${q} ${a}.`,
      `## Answer\n\n- **${a}**\n- That is the short answer to: ${q}`,
      `Sorry, I think it is ${a.toLowerCase()}, but I'm not sure.`,
    ],
  }),
).join('\n');

test('the Batch view reports how scores move with length, lists, hedges…, exports it, and shows two models side by side', async ({
  page,
}) => {
  const errors = await openApp(page);
  await waitForModel(page);
  await chooseBatchFile(page, 'answers.jsonl', FILE);
  await scoreBatchFile(page, QUESTIONS.length);

  const report = page.getByRole('region', { name: 'Bias report' });
  const table = report.getByRole('table', { name: /Bias report: estimate/ });
  await expect(table.getByRole('row')).toHaveCount(1 + 9); // header + nine features
  const lengthRow = table.getByRole('row', { name: /Length \(characters\)/ });
  await expect(lengthRow.getByRole('cell').nth(0)).toHaveText('Spearman ρ');
  await expect(lengthRow.getByRole('cell').nth(1)).toHaveText(/^-?\d\.\d+ \[-?\d\.\d+, -?\d\.\d+\]/);
  await expect(lengthRow.getByRole('cell').nth(2)).toHaveText('18 responses');
  // Every prompt has answers with and without a bullet list: matched within prompt, n = 6 prompts.
  const bullets = table.getByRole('row', { name: /Bullet list/ });
  await expect(bullets.getByRole('cell').nth(0)).toHaveText('Δ mean, within prompt');
  await expect(bullets.getByRole('cell').nth(2)).toHaveText('6 prompts (6 with)');
  await expect(
    table
      .getByRole('row', { name: /Code block/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('not in any response');
  await expect(report.getByRole('img', { name: /^Spearman correlation with the score/ })).toBeVisible();
  await expect(report.getByRole('img', { name: /^Difference in mean score/ })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export bias report JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('answers.bias.json');
  const json = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    file: string;
    reports: { model: string; report: { responses: number; effects: unknown[] } }[];
  };
  expect(json.file).toBe('answers.jsonl');
  expect(json.reports).toHaveLength(1);
  expect(json.reports[0]!.report).toMatchObject({ responses: 18 });
  expect(json.reports[0]!.report.effects).toHaveLength(9);
  const first = json.reports[0]!.model;

  // Another model on the same file: both reports side by side, the first model's kept.
  await loadEmbedded(page, 'tiny-bert-reward');
  await scoreBatchFile(page, QUESTIONS.length);
  const headers = table.getByRole('columnheader');
  await expect(headers).toHaveCount(4);
  await expect(headers.nth(2)).toHaveText(first);
  await expect(headers.nth(3)).toContainText('tiny-bert-reward');
  await expect(report.getByText(/side by side/)).toBeVisible();
  const axe = await new AxeBuilder({ page })
    .include('.bias-report')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await report.screenshot({ path: 'docs/screenshot-bias.png' });
  expect(errors).toEqual([]);
});
