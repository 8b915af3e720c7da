/** Shared helpers for the training tests: running training/ scripts, reading reference.json and replaying it in
 * onnxruntime-node. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import type { Conversation } from '../../src/core/types';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// RP_TRAINING_MODELS_DIR lets the same checks run on a freshly trained folder (e.g. a --smoke output).
export const MODELS_DIR = process.env.RP_TRAINING_MODELS_DIR ?? join(REPO, 'public', 'models');

/** Set where no Python environment exists: the tests that run training/ scripts skip. */
export const SKIP_TRAINING = process.env.RP_SKIP_TRAINING === '1';

/** `node training/python.mjs ...args` from the repository root, one thread (other suites share the machine). */
export function runTrainingScript(args: string[]): SpawnSyncReturns<string> {
  return spawnSync('node', ['training/python.mjs', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
}

export interface RefCase {
  name: string;
  conversation: Conversation;
  response: string;
  input_ids: number[];
  token_type_ids?: number[];
  truncated: boolean;
  fp32: { logits: number[] };
  q8: { logits: number[] };
}
export interface Reference {
  model: string;
  family: 'encoder' | 'decoder';
  max_length: number;
  cases: RefCase[];
}

export function readReference(dir: string): Reference {
  return JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference;
}

const i64 = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);

/** Runs every case one sequence at a time (no padding) and returns the largest |logit - expected|. */
export async function maxDiff(file: string, ref: Reference, pick: (c: RefCase) => number[]): Promise<number> {
  const session = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'basic' });
  let worst = 0;
  for (const c of ref.cases) {
    const feeds: Record<string, ort.Tensor> = {
      input_ids: i64(c.input_ids),
      attention_mask: i64(c.input_ids.map(() => 1)),
    };
    if (ref.family === 'encoder') feeds.token_type_ids = i64(c.token_type_ids ?? []);
    const out = await session.run(feeds);
    const got = Array.from(out.logits!.data as Float32Array);
    if (got.length !== pick(c).length)
      throw new Error(`${c.name}: ${got.length} logits, expected ${pick(c).length}`);
    got.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - pick(c)[j]!))));
  }
  return worst;
}
