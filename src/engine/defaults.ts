/**
 * What every entry point (the app, the reward server, the CLI) loads when the user names nothing, so the same
 * answer gets the same score everywhere: the embedded MiniLM reward model with its form head (minilm-reward's score
 * plus a head that marks down rude, empty, off-topic and other defective answers; its card), int8 weights (the only
 * file it ships).
 */
import type { Dtype } from '../core/types';

export const DEFAULT_EMBEDDED_MODEL = 'minilm-form-reward';
export const DEFAULT_DTYPE: Dtype = 'q8';
