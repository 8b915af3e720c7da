import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
// With its extension: Vite's native config loader (the future default) does not resolve extensionless imports.
import { modelsFolderPlugin } from './scripts/models-folder-plugin.ts';

// Cross-origin isolation lets onnxruntime-web use several WASM threads
// (docs/architecture.md, 'Cross-origin isolation').
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // REWARD_PLAYGROUND_MODELS=DIR adds DIR's converted model folders to the model list (scripts/models-folder-plugin.ts).
  plugins: [react(), modelsFolderPlugin()],
  server: {
    headers: isolation,
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
    // Outputs written while the dev server runs (the Python venv `convert`/`train` create, training runs, test and
    // bench results, builds, converted models) must not reload open pages and lose their state.
    watch: {
      ignored: [
        '**/.venv/**',
        '**/training/out/**',
        '**/test-results/**',
        '**/playwright-report/**',
        '**/dist/**',
        '**/dist-e2e/**',
        '**/bench/out/**',
        '**/.cache/**',
        '**/models/**',
      ],
    },
  },
  preview: { headers: isolation, port: 4173, strictPort: true, host: '127.0.0.1' },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web', '@huggingface/transformers'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The e2e run builds the engine harness page too (E2E_HARNESS=1); the shipped app has only index.html.
    rollupOptions: process.env.E2E_HARNESS
      ? { input: { main: 'index.html', harness: 'e2e/harness/index.html' } }
      : undefined,
  },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
