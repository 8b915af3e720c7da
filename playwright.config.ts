import { defineConfig } from '@playwright/test';

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
    baseURL: 'http://127.0.0.1:5173',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      // The production build, as users get it (and React's production build for the long-task measurement).
      command:
        'E2E_HARNESS=1 npx vite build --outDir dist-e2e --emptyOutDir && npx vite preview --outDir dist-e2e --port 5173 --strictPort --host 127.0.0.1',
      url: 'http://127.0.0.1:5173',
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      // The embedded models in the Hub's URL layout, so the real download path runs offline.
      command: 'npx tsx test/support/hub-mirror.ts --port 5174',
      url: 'http://127.0.0.1:5174/reward-playground/tiny-bert-reward/resolve/main/config.json',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
