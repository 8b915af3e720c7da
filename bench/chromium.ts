/** Debian's Chromium for the browser benchmarks: never a downloaded browser, no lookups outside this machine. */
import { chromium, type Browser } from '@playwright/test';

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
