import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Free ports for the preview server and the Hub mirror, so the suite runs while `npm start` holds 5173. Chosen
 * once in the runner and passed to the workers (which load this file again) through the environment.
 */
function freePort(): string {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}
const appPort = (process.env.E2E_APP_PORT ??= freePort());
const mirrorPort = (process.env.E2E_MIRROR_PORT ??= freePort());

// A folder of converted models for `REWARD_PLAYGROUND_MODELS` (e2e/ui/served-models.spec.ts): a copy of an
// embedded model under another name, served by the preview server beside the embedded ones.
const SERVED_MODELS = 'test-results/served-models';
if (!existsSync(`${SERVED_MODELS}/served-tiny-bert/config.json`))
  cpSync('public/models/tiny-bert-reward', `${SERVED_MODELS}/served-tiny-bert`, { recursive: true });

// Debian's Chromium, never a downloaded browser (see README). WebGPU here is SwiftShader: correct, slow.
const chromiumArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // No lookups outside this machine; both EXCLUDEs are needed or localhost breaks.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      // The production build, as users get it (and React's production build for the long-task measurement).
      command: `E2E_HARNESS=1 npx vite build --outDir dist-e2e --emptyOutDir && REWARD_PLAYGROUND_MODELS=${SERVED_MODELS} npx vite preview --outDir dist-e2e --port ${appPort} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${appPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      // The embedded models in the Hub's URL layout, so the real download path runs offline.
      command: `npx tsx test/support/hub-mirror.ts --port ${mirrorPort}`,
      url: `http://127.0.0.1:${mirrorPort}/reward-playground/tiny-bert-reward/resolve/main/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
