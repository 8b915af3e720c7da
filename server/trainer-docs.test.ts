/**
 * README 'Use it from a trainer' (issue 15, item 5), verified against the running server with the default
 * model: the `requests` snippets run as written (URL swapped for the test server's) in the project's Python,
 * and the NIM-style `openai` snippet's calls run through the `openai` npm client (and the Python one too
 * where the venv has it).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DTYPE, DEFAULT_EMBEDDED_MODEL } from '../src/engine/defaults';
import type { Model } from '../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from './test-support';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = join(process.env.RP_VENV ?? join(REPO, '.venv'), 'bin', 'python');
const DOC_URL = 'http://127.0.0.1:8000';
const question = 'What is the capital of France?';
const answers = ['The capital of France is Paris.', 'Google it pal.'];

/** The python code blocks of the README's trainer section, in order. */
function trainerSnippets(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('## Use it from a trainer');
  expect(start, 'README has a "Use it from a trainer" section').toBeGreaterThan(0);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Runs a snippet in the project's Python, asynchronously (the server answers from this same process). */
async function runPython(code: string, origin: string): Promise<unknown> {
  if (!existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is missing: the project's Python environment (npm test or npm run train sets it up).`,
    );
  }
  const { stdout } = await promisify(execFile)(PYTHON, ['-c', code.replaceAll(DOC_URL, origin)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim()) as unknown;
}

const hasPythonModule = (name: string) =>
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${name}`]).status === 0;

describe(`README trainer snippets against ${DEFAULT_EMBEDDED_MODEL}`, () => {
  let backend: Model;
  let server: TestServer;
  let expected: number[];
  let snippets: string[];

  beforeAll(async () => {
    backend = await loadEmbedded(DEFAULT_EMBEDDED_MODEL, { dtype: DEFAULT_DTYPE });
    server = await startTestServer({ backend, modelId: DEFAULT_EMBEDDED_MODEL });
    expected = (
      await backend.score(
        answers.map((response) => ({
          conversation: { turns: [{ role: 'user', content: question }] },
          response,
        })),
      )
    ).map((r) => r.score);
    snippets = trainerSnippets();
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('has the three snippets: OpenRLHF’s request, a TRL reward function, NIM-style openai', () => {
    expect(snippets).toHaveLength(3);
    expect(snippets[0]).toContain(`${DOC_URL}/get_reward`);
    expect(snippets[1]).toContain('def reward_fn(prompts, completions');
    expect(snippets[2]).toContain(`base_url="${DOC_URL}/v1"`);
  });

  it('OpenRLHF’s /get_reward request (Python requests) gets the engine’s raw rewards', async () => {
    expect(await runPython(snippets[0]!, server.origin)).toEqual(expected);
  });

  it('the TRL reward function (Python requests, /v1/score) gets the engine’s raw rewards', async () => {
    expect(await runPython(snippets[1]!, server.origin)).toEqual(expected);
  });

  it('the NIM-style openai calls get the engine’s reward (npm openai client; Python where installed)', async () => {
    const snippet = snippets[2]!;
    // The snippet's own arguments, so the calls below are the documented ones.
    expect(snippet).toContain(`model="${DEFAULT_EMBEDDED_MODEL}"`);
    expect(snippet).toContain(`{"role": "user", "content": "${question}"}`);
    expect(snippet).toContain(`{"role": "assistant", "content": "${answers[0]}"}`);
    const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'not-used', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: DEFAULT_EMBEDDED_MODEL,
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: answers[0]! },
      ],
    });
    // The snippet's parsing: split on "," then ":".
    const scores = Object.fromEntries(
      completion.choices[0]!.message.content!.split(',').map((kv) => kv.split(':')),
    );
    // Scored alone, as the request is: a batch's padding moves fp32 sums in the last bits.
    const [alone] = await backend.score([
      { conversation: { turns: [{ role: 'user', content: question }] }, response: answers[0]! },
    ]);
    expect(Number(scores.reward)).toBe(alone!.score);
    if (hasPythonModule('openai')) expect(await runPython(snippet, server.origin)).toBe(alone!.score);
  });
});
