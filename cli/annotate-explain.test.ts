/**
 * `annotate --explain` with the real tiny-bert-reward: every scored response gets its per-unit attributions,
 * each exactly its score minus the score without the unit; malformed rows stay without; a row that already has
 * an `explain` field is refused; and the launcher's flag reaches it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planExplain } from '../src/core/explain';
import type { Model } from '../src/engine/contract';
import { loadEmbedded } from '../server/test-support';
import { annotate } from './annotate';
import type { ExplainedItem } from './annotate-explain';

const dir = mkdtempSync(join(tmpdir(), 'rp-explain-'));
const write = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};
const readJsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const pairs = write('pairs.jsonl', [
  JSON.stringify({
    prompt: 'What is the capital of France?',
    chosen: 'The capital of France is Paris. It sits on the Seine. It is large. It is old.',
    rejected: 'Google it pal.',
  }),
  '{"prompt": "broken", ',
  JSON.stringify({ prompt: 'Name a prime.', responses: ['7.', 'Nine is prime.'] }),
]);

describe('annotate --explain (tiny-bert-reward)', () => {
  let backend: Model;
  beforeAll(async () => {
    backend = await loadEmbedded('tiny-bert-reward');
  });
  afterAll(() => backend?.dispose());

  const run = (input: string, output: string) =>
    annotate({
      input,
      output,
      format: 'pairs',
      chunkRows: 2,
      truncate: true,
      overwrite: true,
      progress: false,
      explain: true,
      load: async () => ({ ...backend, dispose: async () => {} }),
      log: () => {},
    });

  it('writes each response’s attributions: score minus the score without the unit', async () => {
    const out = join(dir, 'pairs.out.jsonl');
    await run(pairs, out);
    const rows = readJsonl(out);
    expect(rows).toHaveLength(3);
    const explained = rows[0]!.explain as ExplainedItem[];
    expect(explained.map((e) => [e.item, e.unit, e.units.length])).toEqual([
      ['chosen', 'sentence', 4],
      ['rejected', 'word', 3],
    ]);
    const plan = planExplain({
      conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
      response: 'Google it pal.',
    });
    const [full, ...without] = await backend.score([plan.input, ...plan.variants]);
    explained[1]!.units.forEach((u, i) => {
      expect(u.attribution).toBe(explained[1]!.score - u.without);
      expect(u.attribution).toBeCloseTo(full!.score - without[i]!.score, 4);
    });
    expect(explained[0]!.score).toBeCloseTo(rows[0]!.chosen_score as number, 4);
    expect(rows[1]).not.toHaveProperty('explain');
    // The rows keep everything else annotate writes.
    expect(rows[0]).toHaveProperty('input_line', 1);
  });

  it('refuses an input whose rows already have an "explain" field', async () => {
    const taken = write('taken.jsonl', [
      JSON.stringify({ prompt: 'p', chosen: 'a', rejected: 'b', explain: 1 }),
    ]);
    await expect(run(taken, join(dir, 'taken.out.jsonl'))).rejects.toThrow(
      /taken\.jsonl line 1 already has an "explain" field/,
    );
  });

  it('the launcher passes --explain', async () => {
    const out = join(dir, 'bin.out.jsonl');
    await promisify(execFile)(process.execPath, [
      'cli/bin.mjs',
      'annotate',
      pairs,
      '-o',
      out,
      '--model',
      'tiny-bert-reward',
      '--format',
      'pairs',
      '--explain',
    ]);
    const rows = readJsonl(out);
    expect((rows[0]!.explain as ExplainedItem[])[1]!.units.map((u) => u.text)).toEqual([
      'Google',
      'it',
      'pal',
    ]);
  }, 120_000); // a process start on a busy machine
});
