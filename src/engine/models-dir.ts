/**
 * Node only: the folder of embedded models (public/models of this checkout; REWARD_PLAYGROUND_MODELS overrides it).
 * One definition for the engine, the CLI and the test Hub mirror.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EMBEDDED_MODELS_DIR = resolve(
  process.env.REWARD_PLAYGROUND_MODELS ?? fileURLToPath(new URL('../../public/models/', import.meta.url)),
);
