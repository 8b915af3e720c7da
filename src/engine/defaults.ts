/**
 * What every entry point (the app, the reward server, the CLI) loads when the user names nothing, so the same
 * answer gets the same score everywhere: the embedded MiniLM reward model, int8 weights (the only file it ships).
 */
import type { Dtype } from '../core/types';

export const DEFAULT_EMBEDDED_MODEL = 'minilm-reward';
export const DEFAULT_DTYPE: Dtype = 'q8';
