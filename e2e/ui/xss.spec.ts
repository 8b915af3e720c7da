import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

// Classic payloads: script tags, event handlers, javascript: URLs, SVG/MathML tricks, markdown links and images.
export const XSS_CORPUS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"></svg>',
  '[click me](javascript:window.__xss=4)',
  '<a href="javascript:window.__xss=5">link</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '<details open ontoggle="window.__xss = 7">x</details>',
  '![x](x" onerror="window.__xss=8)',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=9"></style></mglyph></table></mtext></math>',
  '<div style="background:url(javascript:window.__xss=10)">styled</div>',
  '<form action="javascript:window.__xss=11"><button>go</button></form>',
  '<body onload="window.__xss=12">',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '`<script>window.__xss = 13</script>` and **bold** survive as text',
];

test('responses render as sanitized Markdown: no payload runs, formatting survives', async ({ page }) => {
  const errors = await openApp(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'Paste candidates…' }).click();
  await page
    .getByLabel('Paste responses, separated by a line with only ---')
    .fill(XSS_CORPUS.join('\n---\n'));
  await page.getByRole('button', { name: `Add ${XSS_CORPUS.length} candidates` }).click();
  await page.getByLabel('Preview Markdown').check();
  const previews = page.getByRole('group', { name: /^Preview of Candidate/ });
  await expect(previews).toHaveCount(16);
  await expect(page.getByText('bold', { exact: true })).toBeVisible();
  // Give handlers a chance to fire, then interact with every link.
  for (const link of await page.locator('.preview a').all())
    await link.click({ modifiers: ['Control'] }).catch(() => {});
  await page.waitForTimeout(500);

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
  // No dangerous element, no event-handler attribute, no script-bearing URL survived sanitizing.
  const found = await page.locator('.preview').evaluateAll((roots) =>
    roots.flatMap((root) =>
      [...root.querySelectorAll('*')].flatMap((el) => {
        const bad: string[] = [];
        if (/^(script|iframe|img|svg|math|form|style|object|embed)$/i.test(el.tagName)) bad.push(el.tagName);
        for (const a of el.getAttributeNames()) {
          const v = el.getAttribute(a) ?? '';
          if (/^on/i.test(a) || a === 'style' || /^\s*(javascript|data|vbscript):/i.test(v))
            bad.push(`${el.tagName}[${a}=${v}]`);
        }
        return bad;
      }),
    ),
  );
  expect(found).toEqual([]);
  // Nothing left this machine because of a response.
  const offMachine = requests.filter((u) => {
    const { protocol, hostname } = new URL(u);
    return /^(https?|wss?):$/.test(protocol) && hostname !== '127.0.0.1' && hostname !== 'localhost';
  });
  expect(offMachine).toEqual([]);
  expect(errors).toEqual([]);
});
