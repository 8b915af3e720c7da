/**
 * The input-format A/B probe's variants of one scoring input: the same conversation and response presented
 * to the model in other ways. A reward that swings with presentation alone is format sensitivity, which an RLHF
 * policy will learn to exploit.
 */
import { flattenPromptSide } from './flatten';
import type { ScoreInput } from './types';

export type FormatVariant = 'as-fed' | 'no-system' | 'no-prompt' | 'one-text';

export const FORMAT_VARIANTS: readonly { id: FormatVariant; label: string }[] = [
  { id: 'as-fed', label: 'As the model is fed (pair / chat template)' },
  { id: 'no-system', label: 'System prompt removed' },
  { id: 'no-prompt', label: 'Response alone (no prompt)' },
  { id: 'one-text', label: 'Everything as one raw text' },
];

/** The variant of `input`, or null when it would be the same input (no system prompt to remove). */
export function formatVariant(input: ScoreInput, variant: FormatVariant): ScoreInput | null {
  const { conversation, response } = input;
  switch (variant) {
    case 'as-fed':
      return input;
    case 'no-system':
      return conversation.system ? { conversation: { turns: conversation.turns }, response } : null;
    case 'no-prompt':
      return { conversation: { turns: [{ role: 'user', content: '' }] }, response };
    case 'one-text':
      // The conversation and the answer as one plain transcript in the response's place, the prompt side empty.
      return {
        conversation: { turns: [{ role: 'user', content: '' }] },
        response: `${flattenPromptSide({ ...conversation, turns: conversation.turns })}\nAssistant: ${response}`,
      };
  }
}
