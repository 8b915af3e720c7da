/** Reads the committed models' reference.json files (written by training/, schema in training/README.md). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_MODELS_DIR } from '../../src/engine/node';
import { readReference, type Reference } from '../training/helpers';

/** The schema lives with the training tests, which write and replay the same file. */
export type { RefCase as ReferenceCase, Reference } from '../training/helpers';

/** Each shipped model and the ONNX files it ships (the MiniLM models: q8 only, the size budget of public/models). */
export const SHIPPED_DTYPES: Record<string, readonly ('fp32' | 'q8')[]> = {
  'minilm-form-reward': ['q8'],
  'minilm-reward': ['q8'],
  'tiny-bert-reward': ['fp32', 'q8'],
  'tiny-llama-reward': ['fp32', 'q8'],
};
export const EXPECTED_MODELS = Object.keys(SHIPPED_DTYPES);
/** Whose q8 file holds DequantizeLinear int8 weights that the engine unpacks at load (minilm-reward: MatMulNBits). */
export const UNPACKS_Q8: Record<string, boolean> = {
  'minilm-form-reward': false,
  'minilm-reward': false,
  'tiny-bert-reward': true,
  'tiny-llama-reward': true,
};

export function loadReference(name: string): Reference {
  const path = join(EMBEDDED_MODELS_DIR, name, 'reference.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run train\` to rebuild the embedded models.`);
  }
  return readReference(join(EMBEDDED_MODELS_DIR, name));
}

export function embeddedModels(): string[] {
  return readdirSync(EMBEDDED_MODELS_DIR).filter((d) =>
    existsSync(join(EMBEDDED_MODELS_DIR, d, 'config.json')),
  );
}
