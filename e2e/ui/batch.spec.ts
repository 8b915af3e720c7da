import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { chooseBatchFile, openApp, scoreBatchFile, waitForModel } from './helpers';

const pair = (prompt: string, chosen: string, rejected: string, subset: string) =>
  JSON.stringify({ prompt, chosen, rejected, subset });

const PAIRS = [
  pair('What is the capital of France?', 'The capital of France is Paris.', 'Google it pal.', 'facts'),
  pair('How many legs does a spider have?', 'A spider has eight legs.', 'Who cares.', 'facts'),
  '{"prompt": "broken json", "chosen": ',
  pair('Say hello politely.', 'Hello! How can I help you today?', 'What do you want?', 'chat'),
  JSON.stringify({ prompt: 'Missing rejected', chosen: 'Only chosen here.' }),
  '',
  pair(
    'Give me a tip for sleeping better.',
    'Keep a regular schedule and avoid screens before bed.',
    'No.',
    'chat',
  ),
].join('\n');

test.describe('batch scoring (real worker)', () => {
  test('scores a TRL pairs file, lists bad lines, reports accuracy per subset and exports rows in = rows out', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    await chooseBatchFile(page, 'pairs.jsonl', PAIRS);
    await expect(
      page.getByText(/format\s*pairs, 6 rows, 4 valid \(8 inputs to score\), 2 with errors/),
    ).toBeVisible();
    const lineErrors = page.getByRole('list', { name: 'Line errors' }).getByRole('listitem');
    await expect(lineErrors).toHaveCount(2);
    await expect(lineErrors.nth(0)).toContainText('Line 3');
    await expect(lineErrors.nth(0)).toContainText('not valid JSON');
    await expect(lineErrors.nth(1)).toContainText('Line 5');
    await expect(lineErrors.nth(1)).toContainText('rejected');

    await scoreBatchFile(page, 4);
    const acc = page.getByRole('table', { name: /chosen response scores above/ });
    await expect(acc.getByRole('rowheader', { name: 'chat' })).toBeVisible();
    await expect(acc.getByRole('rowheader', { name: 'facts' })).toBeVisible();
    await expect(
      acc
        .getByRole('row', { name: /All pairs/ })
        .getByRole('cell')
        .first(),
    ).toHaveText('4');
    await expect(page.getByRole('img', { name: 'Response length versus score' })).toBeVisible();
    const rows = page.getByRole('table', { name: /Scores per row/ }).getByRole('row');
    await expect(rows).toHaveCount(7); // header + 6 records
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSONL' }).click(),
    ]);
    expect(jsonl.suggestedFilename()).toBe('pairs.scored.jsonl');
    const out = readFileSync(await jsonl.path(), 'utf8')
      .trim()
      .split('\n');
    expect(out).toHaveLength(6); // every non-blank input line, bad ones included
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    // Each row names its input line, as CLI annotate's output does (line 6 is blank).
    expect(parsed.map((p) => p.input_line)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(parsed[0]).toMatchObject({ subset: 'facts' });
    expect(typeof parsed[0]!.chosen_score).toBe('number');
    expect(typeof parsed[0]!.rejected_score).toBe('number');
    // The table and the export hold the same numbers.
    const shown = await rows.nth(1).getByRole('cell').nth(2).innerText();
    const shownChosen = Number(shown.match(/chosen: (-?[\d.e+-]+)/)![1]);
    expect(Math.abs(shownChosen - Number(parsed[0]!.chosen_score))).toBeLessThan(0.01);
    expect(parsed[2]).toMatchObject({ line: 3 });
    expect(String(parsed[2]!.error)).toContain('not valid JSON');
    expect(parsed[4]!.error).toBeTruthy();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csvLines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csvLines[0]).toMatch(/^line,format,subset,item,response_chars,score/);
    expect(csvLines).toHaveLength(1 + 4 * 2 + 2);
  });

  test('auto-detects HH-RLHF, NeMo and candidate files, and accepts a dropped file', async ({ page }) => {
    await openApp(page);
    const hh = JSON.stringify({
      chosen: '\n\nHuman: What is 2+2?\n\nAssistant: 2+2 is 4.',
      rejected: '\n\nHuman: What is 2+2?\n\nAssistant: 5.',
    });
    await chooseBatchFile(page, 'hh.jsonl', hh + '\n' + hh + '\n');
    await expect(page.getByText(/format\s*hh-rlhf, 2 rows/)).toBeVisible();
    const nemo = JSON.stringify({
      system: '',
      mask: 'User',
      conversations: [
        { from: 'User', value: 'Hi' },
        { from: 'Assistant', value: 'Hello! How can I help?' },
      ],
    });
    await chooseBatchFile(page, 'nemo.jsonl', nemo);
    await expect(page.getByText(/format\s*nemo, 1 rows/)).toBeVisible();

    const candidates = JSON.stringify({ prompt: 'Name a colour.', responses: ['Blue.', 'Red.', 'No.'] });
    // Drag and drop: a DataTransfer carrying the file, dropped on the zone.
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'cands.jsonl', { type: 'application/jsonl' }));
      return d;
    }, candidates);
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dt });
    await expect(page.getByText(/format\s*candidates, 1 rows, 1 valid \(3 inputs to score\)/)).toBeVisible();
  });

  test('reads a .jsonl.gz file; invalid UTF-8 is listed by line, not replaced', async ({ page }) => {
    await openApp(page);
    const bad = Buffer.concat([
      Buffer.from('{"prompt": "Q?", "chosen": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('", "rejected": "tea"}'),
    ]);
    const text = Buffer.concat([
      Buffer.from(PAIRS.split('\n').slice(0, 2).join('\n') + '\n'),
      bad,
      Buffer.from('\n'),
    ]);
    await chooseBatchFile(page, 'pairs.jsonl.gz', gzipSync(text));
    await expect(
      page.getByText(/format\s*pairs, 3 rows, 2 valid \(4 inputs to score\), 1 with errors/),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Line errors' }).getByRole('listitem')).toHaveText([
      'Line 3: not valid UTF-8 (byte 0xE9 at byte 32); save the file as UTF-8.',
    ]);
  });

  test('a file in no known format says what each format needs', async ({ page }) => {
    await openApp(page);
    await chooseBatchFile(page, 'bad.jsonl', '{"foo": 1}\n{"bar": 2}\n');
    await expect(page.getByRole('alert')).toContainText(
      'bad.jsonl: None of the first 2 rows matches a known format',
    );
  });

  test('cancel stops a long run and keeps what was scored', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    const lines = Array.from({ length: 400 }, (_, i) =>
      pair(
        `Question ${i}: what is ${i} + ${i}?`,
        `${i} + ${i} = ${2 * i}. ${'Explained step by step. '.repeat(20)}`,
        'No idea.',
        `s${i % 3}`,
      ),
    );
    await chooseBatchFile(page, 'big.jsonl', lines.join('\n'));
    await page.getByRole('button', { name: 'Score file' }).click();
    await expect(page.getByRole('progressbar', { name: 'Batch scoring progress' })).toBeVisible();
    await expect
      .poll(
        async () =>
          Number(
            await page.getByRole('progressbar', { name: 'Batch scoring progress' }).getAttribute('value'),
          ),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText(/^Cancelled: \d+ of 400 rows scored/)).toBeVisible({ timeout: 30_000 });
    const scored = Number((await page.getByText(/^Cancelled:/).innerText()).match(/Cancelled: (\d+)/)![1]);
    expect(scored).toBeLessThan(400);
    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSONL' }).click(),
    ]);
    const out = readFileSync(await jsonl.path(), 'utf8')
      .trim()
      .split('\n');
    expect(out).toHaveLength(400);
    expect(out.filter((l) => l.includes('"error":"not scored"'))).toHaveLength(400 - scored);
  });
});
