/**
 * Issue 25: with device "auto" and no WebGPU, running on WASM is the plan, not a failure: one calm line, no
 * "Fell back" warning naming navigator.gpu.requestAdapter(). Chromium runs with WebGPU switched off, as on a
 * machine without a GPU.
 */
import { test } from '@playwright/test';
import { expectOneCalmWebGpuLine } from './helpers';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--disable-features=WebGPU',
      '--no-sandbox',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  },
});

test('device auto without WebGPU: one info line, no fallback warning', async ({ page }) => {
  test.slow();
  await expectOneCalmWebGpuLine(
    page,
    /^(No WebGPU adapter|This browser has no WebGPU) — running on WebAssembly \(CPU\)$/,
  );
});
