import { expect, test, type Page } from '@playwright/test';
import { openApp, rankedItems, waitForModel, waitForScores } from './helpers';

/** The full-precision score shown for a candidate (raw or activated), from its score's data-value. */
async function scoreOf(page: Page, name: string): Promise<number> {
  return Number(
    await rankedItems(page)
      .and(page.getByLabel(new RegExp(`^Rank \\d+: ${name}$`)))
      .locator('.score')
      .getAttribute('data-value'),
  );
}

test.describe('compare with the embedded models (real worker, no mocks)', () => {
  test('ranks the France example by score, with gaps, σ(Δ) and the exact model input', async ({ page }) => {
    const errors = await openApp(page);
    await waitForModel(page);
    await expect(page.getByTestId('ran-on')).toHaveText(/(wasm|webgpu) · q8/);
    await waitForScores(page, 2);

    const first = rankedItems(page).nth(0);
    const second = rankedItems(page).nth(1);
    // Order follows the scores (read at full precision).
    const values = await rankedItems(page)
      .locator('.score')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values).toHaveLength(2);
    expect(values[0]!).toBeGreaterThanOrEqual(values[1]!);
    await expect(first).toHaveAccessibleName(/^Rank 1: Candidate [12]$/);
    await expect(rankedItems(page).filter({ hasText: 'Google it pal.' })).toHaveCount(1);
    await expect(rankedItems(page).filter({ hasText: 'Paris' })).toHaveCount(1);
    // Gap to the next and σ against the leader agree with the scores.
    const gap = Number((await first.locator('dd').first().innerText()).replace('+', ''));
    expect(Math.abs(gap - (values[0]! - values[1]!))).toBeLessThan(0.01);
    const sigma = await second
      .getByText(/^\d+(\.\d)?%$/)
      .first()
      .innerText();
    const expected = 100 / (1 + Math.exp(values[0]! - values[1]!));
    expect(Math.abs(Number(sigma.replace('%', '')) - expected)).toBeLessThan(1);
    await expect(first.getByText('Tokens', { exact: true })).toBeVisible();
    // The bars show σ(Δ) against the leader and fill to it: the leader's half way, the other's to σ.
    await expect(first.getByRole('meter')).toHaveAttribute('aria-valuenow', '50');
    expect(Number(await second.getByRole('meter').getAttribute('aria-valuenow'))).toBeCloseTo(expected, 0);
    const fill = await second.getByRole('meter').evaluate((bar) => {
      const inner = bar.querySelector('.score-bar-fill')!;
      return inner.getBoundingClientRect().width / bar.getBoundingClientRect().width;
    });
    expect(Math.abs(fill * 100 - expected)).toBeLessThan(1.5);
    // σ(Δ) is explained where it is shown, not only behind "How to read these numbers".
    await expect(second.getByText('σ(Δ) vs leader', { exact: true })).toHaveAttribute(
      'title',
      /probability that this candidate beats #1/,
    );
    await expect(second.getByRole('meter')).toHaveAttribute('title', /fills to this probability/);

    // Win matrix: P(a beats b) + P(b beats a) = 1.
    await page.getByText('Win matrix', { exact: true }).click();
    const cells = page.locator('table.matrix td.cell');
    const probs = (await cells.allInnerTexts())
      .filter((t) => t !== '—')
      .map((t) => Number(t.replace('%', '')));
    expect(probs).toHaveLength(2);
    expect(Math.abs(probs[0]! + probs[1]! - 100)).toBeLessThanOrEqual(1);

    // The inline explanation of σ(Δ) and of within-prompt comparison.
    await page.getByText('How to read these numbers').click();
    await expect(page.getByText(/here means nothing next to/)).toBeVisible();

    // The exact model input: the (prompt, response) pair and its tokens.
    await page.getByText('Model input for Candidate 2').click();
    const tokens = page.getByRole('group', { name: 'Tokens of Candidate 2' });
    await expect(tokens).toBeVisible();
    await expect(tokens).toContainText('[CLS]');
    await expect(tokens).toContainText('[SEP]');

    // The README's picture: the compare view with scored results, at a desktop size.
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByText('Model input for Candidate 2').click(); // close the token view again
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshot-compare.png', fullPage: false });
    expect(errors).toEqual([]);
  });

  // A model-quality check, not a UI one: it fails when the embedded default model cannot tell these apart.
  // minilm-reward alone ranked "Google it pal." first (46.7% win probability for Paris in q8, issues 9 and 23);
  // the default adds its form head (minilm-form-reward: 98.8% in q8, its card).
  test('the default embedded model prefers the good France answer over "Google it pal."', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    await expect(rankedItems(page).first()).toContainText('Paris');
  });

  test('a difference the model cannot tell apart is marked too close to call, a tie says so', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    // The same answer twice: the same score, σ(Δ) 50%: the bars are equally long and both rows say so.
    await page.getByRole('button', { name: 'Duplicate Candidate 1' }).click();
    await waitForScores(page, 3);
    const copies = rankedItems(page).filter({ hasText: 'The capital of France is Paris.' });
    await expect(copies).toHaveCount(2);
    // Each mark names the neighbour it is about (the other copy), with their σ(Δ) of 50%.
    for (const copy of await copies.all()) {
      const rank = Number((await copy.locator('.rank').innerText()).replace('#', ''));
      const other = `#${rank === 1 ? 2 : rank - 1}`;
      const mark = copy.getByText(/^too close to call with/);
      await expect(mark).toContainText(`with ${other}`);
      await expect(mark).toContainText('50%');
      await expect(mark).toHaveAttribute('title', /cannot tell these neighbours apart/);
      await expect(copy.getByText('tie at shown precision (Δ = 0)')).toBeVisible();
    }
    const widths = await copies
      .locator('.score-bar-fill')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.width));
    expect(widths[0]).toBe(widths[1]);
    // Whatever the model makes of the third answer, the copies make at least two rows coin flips.
    await expect(page.getByTestId('close-calls')).toHaveText(
      /^(2|3) of 3 candidates are too close to call with a neighbour|^The model cannot tell these 3 candidates apart/,
    );
    // The line is the user's: at 51% only differences under σ 51% are coin flips; the copies still are.
    const threshold = page.getByLabel('Too close to call threshold (%)');
    await threshold.fill('51');
    await expect(copies.first().getByText(/^too close to call with #/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Too close to call threshold (%)')).toHaveValue('51');
  });

  test('rescoring after an edit is debounced and marks long inputs truncated', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    const before = await scoreOf(page, 'Candidate 2');
    await page.getByLabel('Candidate 2', { exact: true }).fill('The capital of France is Paris.');
    await expect(page.locator('.ranked.stale')).toHaveCount(1);
    await waitForScores(page, 2);
    expect(await scoreOf(page, 'Candidate 2')).not.toBe(before);

    await page.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByLabel('Candidate 3', { exact: true }).fill('Paris is lovely. '.repeat(300));
    await waitForScores(page, 3);
    const long = rankedItems(page).filter({
      has: page.locator('.ranked-name', { hasText: /^Candidate 3$/ }),
    });
    await expect(long.getByText('truncated', { exact: true })).toBeVisible();
    await expect(rankedItems(page).filter({ hasText: 'truncated' })).toHaveCount(1);
  });

  test('alpha scales every score by the same factor', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    const s1 = await scoreOf(page, 'Candidate 2');
    const alpha = page.getByLabel('Alpha (score = logit × alpha)');
    const a1 = Number(await alpha.inputValue());
    await alpha.fill(String(a1 * 10));
    await waitForScores(page, 2);
    const s10 = await scoreOf(page, 'Candidate 2');
    expect(Math.abs(s10 - 10 * s1)).toBeLessThan(0.02 + Math.abs(s1) * 0.001 * 10);
    await page.getByText('What does alpha do?').click();
    await expect(page.getByText(/ranking never changes/)).toBeVisible();
  });

  test('“Show activated values” shows the sigmoid of each raw reward and keeps the ranking', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    const names = ['Candidate 1', 'Candidate 2'];
    const raw = await Promise.all(names.map((n) => scoreOf(page, n)));
    const order = await rankedItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const toggle = page.getByLabel(/Show activated values \(sigmoid\)/);
    await toggle.check();
    const shown = await Promise.all(names.map((n) => scoreOf(page, n)));
    shown.forEach((v, i) => expect(v).toBeCloseTo(1 / (1 + Math.exp(-raw[i]!)), 12));
    expect(
      await rankedItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual(order);
    await toggle.uncheck();
    expect(await scoreOf(page, 'Candidate 1')).toBe(raw[0]);
  });

  test('probes add perturbed copies and show the score change', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await waitForScores(page, 2);
    await page.getByRole('button', { name: /^Probe Candidate 1/ }).click();
    await expect(page.locator('.candidates > li')).toHaveCount(6);
    for (const kind of ['pad', 'truncate', 'refusal', 'reorder']) {
      await expect(
        page.getByRole('textbox', { name: new RegExp(`^Candidate \\d \\(${kind} probe of Candidate 1\\)$`) }),
      ).toHaveCount(1);
    }
    await expect(page.getByRole('textbox', { name: /refusal probe/ })).toHaveValue(
      /^I'm sorry, but I can't help with that\./,
    );
    await waitForScores(page, 6);
    await expect(page.getByText(/^Δ vs original [+-]\d/)).toHaveCount(4);
  });

  test('draws the prefix reward curve of one candidate', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByLabel('Candidate for the prefix curve').selectOption({ label: 'Candidate 1' });
    await page.getByRole('button', { name: 'Compute prefix curve' }).click();
    await expect(page.getByRole('img', { name: 'Reward of each prefix of Candidate 1' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByTestId('curve-summary')).toHaveText(/^\d+ prefixes, from -?\d/);
    const n = Number((await page.getByTestId('curve-summary').innerText()).split(' ')[0]);
    expect(n).toBeGreaterThan(5);
  });

  test('the decoder model shows its chat template and re-ranks with edited weights', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByLabel('Embedded model').selectOption('tiny-llama-reward');
    await page.getByLabel('dtype', { exact: true }).selectOption('fp32');
    await page.getByLabel('Device', { exact: true }).selectOption('wasm');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32', { timeout: 90_000 });
    await expect(page.getByText('decoder', { exact: true })).toBeVisible();
    await waitForScores(page, 2);
    await page.getByText('Model input for Candidate 1').click();
    await expect(page.locator('.model-input pre.rendered').first()).toContainText(
      'What is the capital of France?',
    );
    // The template and the tokenizer both add BOS: the engine drops one and the input view says so.
    await expect(page.locator('.model-input').first()).toContainText(
      'one was dropped, so the model sees a single BOS',
    );

    // Two outputs (reward, overall): the weights editor re-ranks without re-running the model.
    const weightReward = page.getByLabel('Weight of reward', { exact: true });
    await expect(weightReward).toBeVisible();
    const order = async () => (await rankedItems(page).locator('.ranked-name').allInnerTexts()).join('|');
    const original = await order();
    await weightReward.fill('-1');
    await page.getByLabel('Weight of overall', { exact: true }).fill('0');
    await expect.poll(order).not.toBe(original);
    // This model has none of the HelpSteer attributes: the preset would zero every score, so it is off.
    await expect(page.getByRole('button', { name: 'Nemotron-4-340B preset' })).toBeDisabled();
    await expect(
      page.getByText('The Nemotron-4-340B preset does not apply: this model does not output'),
    ).toBeVisible();
  });
});
