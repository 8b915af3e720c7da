/**
 * A converted model folder opened from disk (issue 12, item 4): picked with the directory input or dropped on
 * the panel, read in the browser with no server, and scoring exactly as the same model loaded from the app.
 * Folders that are not runnable models are refused with what to do instead.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openApp, rankedItems, waitForModel, waitForScores } from './helpers';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODEL = 'tiny-bert-reward';

/** Each ranked candidate's text and score, best first. */
async function scoresShown(page: Page): Promise<string[]> {
  await waitForScores(page, 2);
  const items = await rankedItems(page).all();
  return Promise.all(
    items.map(
      async (li) =>
        `${await li.locator('.score').innerText()} ${await li.locator('.response').first().innerText()}`,
    ),
  );
}

test.describe('opening a model folder from disk', () => {
  const work = mkdtempSync(join(tmpdir(), 'rp-e2e-folder-'));
  const folder = join(work, MODEL);
  cpSync(join(REPO, 'public/models', MODEL), folder, { recursive: true });
  // A PyTorch checkpoint: config and tokenizer, no ONNX files.
  const raw = join(work, 'my-reward-model');
  cpSync(join(REPO, 'public/models', MODEL), raw, { recursive: true });
  rmSync(join(raw, 'onnx'), { recursive: true });
  writeFileSync(join(raw, 'model.safetensors'), 'not really weights');
  test.afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('picked with the directory input, it scores as the same model served by the app', async ({ page }) => {
    const errors = await openApp(page);
    await waitForModel(page);
    await page.getByLabel('Embedded model').selectOption(MODEL);
    await page.getByLabel('dtype', { exact: true }).selectOption('fp32');
    await page.getByLabel('Device', { exact: true }).selectOption('wasm');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32', { timeout: 90_000 });
    const served = await scoresShown(page);

    await page.getByRole('radio', { name: 'Folder' }).check();
    // Requests for the folder's files would show up here: there must be none.
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(MODEL)) fetched.push(r.url());
    });
    await page.getByTestId('folder-input').setInputFiles(folder);
    await expect(page.getByTestId('opened-folder')).toContainText(`Opened ${MODEL}`);
    // Only the dtypes the folder ships are offered.
    await expect(page.getByLabel('dtype', { exact: true }).locator('option')).toHaveText(['fp32', 'q8']);
    await page.getByLabel('dtype', { exact: true }).selectOption('fp32');
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByText(`${MODEL} (opened folder)`, { exact: true })).toBeVisible({
      timeout: 90_000,
    });
    await expect(page.getByTestId('ran-on')).toHaveText('wasm · fp32');
    await page.getByRole('button', { name: 'Score candidates' }).click();
    expect(await scoresShown(page)).toEqual(served);
    expect(fetched).toEqual([]);

    // A reload cannot reopen the folder: the app comes back on its default model, not on an error.
    await page.reload();
    await waitForModel(page);
    await expect(page.getByRole('radio', { name: 'Embedded' })).toBeChecked();
    expect(errors).toEqual([]);
  });

  test('dropped on the panel, it loads too', async ({ page }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Folder' }).check();
    // What a real drop of a folder hands the page: a DataTransfer whose item is a directory entry.
    const files = [
      ['config.json', 'application/json'],
      ['tokenizer.json', 'application/json'],
      ['tokenizer_config.json', 'application/json'],
      ['special_tokens_map.json', 'application/json'],
      ['onnx/model_quantized.onnx', 'application/octet-stream'],
    ];
    const payload = await Promise.all(
      files.map(async ([path, type]) => {
        const r = await page.request.get(`/models/${MODEL}/${path}`);
        return { path: path!, type: type!, bytes: [...(await r.body())] };
      }),
    );
    await page.getByTestId('folder-drop').evaluate(
      (el, { payload, name }) => {
        type Entry = Record<string, unknown>;
        const fileEntry = (p: { path: string; type: string; bytes: number[] }): Entry => ({
          isFile: true,
          isDirectory: false,
          name: p.path.split('/').pop(),
          file: (ok: (f: File) => void) =>
            ok(new File([new Uint8Array(p.bytes)], p.path.split('/').pop()!, { type: p.type })),
        });
        const dir = (dirName: string, children: Entry[]): Entry => {
          let served = false;
          return {
            isFile: false,
            isDirectory: true,
            name: dirName,
            createReader: () => ({
              readEntries: (ok: (e: Entry[]) => void) => {
                ok(served ? [] : children);
                served = true;
              },
            }),
          };
        };
        const top = payload.filter((p) => !p.path.includes('/')).map(fileEntry);
        const onnx = dir('onnx', payload.filter((p) => p.path.startsWith('onnx/')).map(fileEntry));
        const root = dir(name, [...top, onnx]);
        const event = new Event('drop', { bubbles: true, cancelable: true });
        Object.defineProperty(event, 'dataTransfer', {
          value: { items: [{ webkitGetAsEntry: () => root }] },
        });
        el.dispatchEvent(event);
      },
      { payload, name: MODEL },
    );
    await expect(page.getByTestId('opened-folder')).toContainText(`Opened ${MODEL}: 5 files`);
    await expect(page.getByLabel('dtype', { exact: true }).locator('option')).toHaveText(['q8']);
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByText(`${MODEL} (opened folder)`, { exact: true })).toBeVisible({
      timeout: 90_000,
    });
    await page.getByRole('button', { name: 'Score candidates' }).click();
    await waitForScores(page, 2);
  });

  test('a folder without ONNX files says how to convert it; one without config.json says what to open', async ({
    page,
  }) => {
    await openApp(page);
    await waitForModel(page);
    await page.getByRole('radio', { name: 'Folder' }).check();
    await page.getByTestId('folder-input').setInputFiles(raw);
    await expect(page.getByRole('alert')).toHaveText(
      'my-reward-model has no ONNX weights (onnx/model*.onnx): it looks like a PyTorch checkpoint. Convert it first: npx reward-playground convert ./my-reward-model --out models/my-reward-model, then open models/my-reward-model.',
    );
    await page.getByTestId('folder-input').setInputFiles(join(folder, 'onnx'));
    await expect(page.getByRole('alert')).toContainText('This folder has no config.json.');
    // Nothing was opened, so Load model says what is missing instead of loading something else.
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Open a model folder first' })).toBeVisible();
  });
});
