/** Debian's Chromium for the browser benchmarks: never a downloaded browser, no lookups outside this machine. */
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'vite';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export function launchChromium(options: { webgpu?: boolean; args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...(options.webgpu ? ['--enable-unsafe-webgpu'] : []), ...(options.args ?? []), ...CHROMIUM_ARGS],
  });
}

/**
 * The shell every browser bench shares: Vite serving this repository on `port` (loopback), one Chromium, both
 * closed however `fn` ends.
 */
export async function withBrowserBench<T>(
  port: number,
  fn: (browser: Browser, origin: string) => Promise<T>,
  options: { webgpu?: boolean; args?: string[] } = {},
): Promise<T> {
  const server = await createServer({
    server: { port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  try {
    const browser = await launchChromium(options);
    try {
      return await fn(browser, `http://127.0.0.1:${port}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
