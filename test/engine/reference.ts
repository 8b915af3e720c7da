/** Reads the committed models' reference.json files (written by training/, schema in training/README.md). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Conversation } from '../../src/core/types';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/node';

export interface ReferenceCase {
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
  cases: ReferenceCase[];
}

export const EXPECTED_MODELS = ['tiny-bert-reward', 'tiny-llama-reward'];

export function loadReference(name: string): Reference {
  const path = join(EMBEDDED_MODELS_DIR, name, 'reference.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run train\` to rebuild the embedded models.`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Reference;
}

export function embeddedModels(): string[] {
  return readdirSync(EMBEDDED_MODELS_DIR).filter((d) =>
    existsSync(join(EMBEDDED_MODELS_DIR, d, 'config.json')),
  );
}
