/**
 * Issue 25: with device "auto" and only a software WebGPU adapter (SwiftShader in this suite's Chromium), WASM is
 * the plan, not a failure: one calm line, no "Fell back" warning.
 */
import { test } from '@playwright/test';
import { expectOneCalmWebGpuLine } from './helpers';

test('device auto with only a software adapter: one info line, no fallback warning', async ({ page }) => {
  test.slow();
  await expectOneCalmWebGpuLine(
    page,
    /^Only a software WebGPU adapter \(.+\) — device "auto" runs on WebAssembly \(CPU\), which is faster here$/,
  );
});
