/** Debian's Chromium for the browser benchmarks: never a downloaded browser, no lookups outside this machine. */
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(options: { webgpu?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...(options.webgpu ? ['--enable-unsafe-webgpu'] : []),
      '--no-sandbox',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}
