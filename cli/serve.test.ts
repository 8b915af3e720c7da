/**
 * The two ways to start the server: `npm run serve -- --model … --port …` (tsx cli/main.ts serve) and
 * `reward-playground serve` (cli/bin.mjs): one command, which must listen, score, and exit cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../test/engine/reference';
import { contentToDict, EMBEDDED, loadEmbedded } from '../server/test-support';

async function serveAndScore(
  args: string[],
  model: string = EMBEDDED[0],
  messages: { role: string; content: string }[] = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! How can I help?' },
  ],
): Promise<{ content: string; exitCode: number | null; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const origin = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/[^\s:]+:\d+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const res = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        messages,
      }),
    });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    return { content: body.choices[0]!.message.content, exitCode: null, stderr };
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
  }
}

describe('starting the server', () => {
  it('npm run serve (cli/main.ts serve) and reward-playground serve (cli/bin.mjs) both serve the model', async () => {
    // Fails with a clear message when the embedded model is missing.
    await (await loadEmbedded(EMBEDDED[0])).dispose();
    const a = await serveAndScore([
      '--import',
      'tsx',
      'cli/main.ts',
      'serve',
      '--model',
      EMBEDDED[0],
      '--port',
      '0',
    ]);
    const b = await serveAndScore(['cli/bin.mjs', 'serve', '--model', EMBEDDED[0], '--port', '0']);
    expect(Object.keys(contentToDict(a.content))).toEqual(['reward']);
    expect(b.content).toBe(a.content);
  });

  it('with no --model serves the default minilm-form-reward with its q8 weights, as the browser does', async () => {
    const reference = loadReference('minilm-form-reward');
    const c = reference.cases.find((x) => x.name === 'capital-good')!;
    const a = await serveAndScore(
      ['--import', 'tsx', 'cli/main.ts', 'serve', '--port', '0'],
      'minilm-form-reward',
      [...c.conversation.turns, { role: 'assistant', content: c.response }],
    );
    expect(a.stderr).toMatch(/minilm-form-reward \(cpu, q8\)/);
    // The same number the browser shows for this answer: reference.json's q8 logit (alpha 1).
    expect(Math.abs(contentToDict(a.content).reward! - c.q8.logits[0]!)).toBeLessThan(1e-3);
  });

  it('refuses to start with a clear message for an unknown model', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'serve', '--model', 'nope', '--port', '0'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown model "nope"/);
  });
});
