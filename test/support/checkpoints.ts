/**
 * test/convert/checkpoints.py from TypeScript: the converter families it builds, and one call that builds and
 * converts some of them (the Node family test, the Chromium replay and the real-scale bench all run it).
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** bert-minilm is the real pretrained MiniLM; the others are real configurations scaled down, random weights. */
export const ENCODER_FAMILIES = [
  'bert-minilm',
  'roberta',
  'xlm-roberta',
  'deberta-v2',
  'distilbert',
  'electra',
  'mpnet',
  'helpsteer-bert',
] as const;
export const DECODER_FAMILIES = ['llama', 'llama-no-pad', 'qwen2', 'qwen3', 'gemma2', 'mistral'] as const;

export interface CheckpointsOptions {
  /** Families (or REAL_SCALE names) to build; all of families() when omitted. */
  only?: readonly string[];
  dtypes?: readonly string[];
  noVariants?: boolean;
  /** Write WORK/hf/<family> only; convert nothing. */
  buildOnly?: boolean;
  timeoutMs?: number;
  /** Show Python's output as it runs (the bench) instead of collecting it for the error message (tests). */
  inherit?: boolean;
}

/**
 * Builds WORK/hf/<family> and converts it into WORK/onnx/<family> (unless `buildOnly`); throws with Python's output
 * on failure. `only` may also name checkpoints.py's FAULTY checkpoints, which convert must refuse.
 */
export function buildCheckpoints(work: string, options: CheckpointsOptions = {}): void {
  const args = [
    'training/python.mjs',
    '../test/convert/checkpoints.py',
    work,
    ...(options.only ? ['--only', options.only.join(',')] : []),
    ...(options.dtypes ? ['--dtype', options.dtypes.join(',')] : []),
    ...(options.noVariants ? ['--no-variants'] : []),
    ...(options.buildOnly ? ['--build-only'] : []),
  ];
  const r = spawnSync('node', args, {
    cwd: REPO,
    encoding: 'utf8',
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.inherit ? { stdio: 'inherit' as const } : {}),
  });
  if (r.status !== 0) {
    throw new Error(`checkpoints.py failed (${r.status ?? r.signal}):\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  }
}
