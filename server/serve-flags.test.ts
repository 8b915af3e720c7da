/** Flag combinations that would expose a key are refused before anything listens (found in review). */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addServeOptions, startServe, type ServeFlags } from './serve';

function flags(argv: string[]): ServeFlags {
  const cmd = addServeOptions(new Command('serve')).exitOverride();
  cmd.parse(argv, { from: 'user' });
  return cmd.opts<ServeFlags>();
}

describe('proxy mode flags', () => {
  it('refuses an upstream URL with credentials in it, without repeating them', async () => {
    const err = await startServe(flags(['--proxy', 'http://user:s3cret-pw@127.0.0.1:9/v1'])).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/carries credentials.*--proxy-key-env/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it("refuses lending the server's key to every origin", async () => {
    process.env.RP_TEST_PROXY_KEY = 'secret';
    await expect(
      startServe(
        flags(['--proxy', 'http://127.0.0.1:9/v1', '--proxy-key-env', 'RP_TEST_PROXY_KEY', '--cors', '*']),
      ),
    ).rejects.toThrow(/any web page/);
  });
});
