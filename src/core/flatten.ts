import type { Conversation } from './types';

/**
 * The prompt side of a cross-encoder's (prompt, response) pair. Training (training/data.py) and the
 * engine must produce the same text, so this is the single definition:
 * - one user turn and no system prompt: the user text itself;
 * - otherwise one line per turn, `System: …`, `User: …`, `Assistant: …`, joined with "\n".
 */
export function flattenPromptSide(conversation: Conversation): string {
  const { system, turns } = conversation;
  if (!system && turns.length === 1 && turns[0]?.role === 'user') return turns[0].content;
  const lines: string[] = [];
  if (system) lines.push(`System: ${system}`);
  for (const t of turns) lines.push(`${t.role === 'user' ? 'User' : 'Assistant'}: ${t.content}`);
  return lines.join('\n');
}

/**
 * How a (prompt, response) pair is cut to fit `budget` tokens (max length minus special tokens).
 * The prompt is cut from the left (the latest turns survive); the response keeps its start.
 * The prompt keeps at least min(promptLen, 64) tokens so a long response cannot erase the question.
 */
export function planPairTruncation(
  promptLen: number,
  responseLen: number,
  budget: number,
): { keepPrompt: number; keepResponse: number; truncated: boolean } {
  if (promptLen + responseLen <= budget) {
    return { keepPrompt: promptLen, keepResponse: responseLen, truncated: false };
  }
  const room = Math.max(0, budget);
  const keepPrompt = Math.min(promptLen, room, Math.max(room - responseLen, Math.min(promptLen, 64)));
  const keepResponse = Math.max(0, Math.min(responseLen, room - keepPrompt));
  return { keepPrompt, keepResponse, truncated: true };
}

/**
 * How a chat-templated decoder input is cut to `maxLength` tokens: keep the leading BOS (when the
 * sequence starts with it) and the last tokens, so the scored response and the latest turns survive.
 */
export function truncateDecoderIds(
  ids: readonly number[],
  maxLength: number,
  bosTokenId: number | null,
): { ids: number[]; truncated: boolean } {
  if (ids.length <= maxLength) return { ids: [...ids], truncated: false };
  const keepBos = bosTokenId !== null && ids[0] === bosTokenId;
  const tail = ids.slice(ids.length - (maxLength - (keepBos ? 1 : 0)));
  return { ids: keepBos ? [bosTokenId, ...tail] : tail, truncated: true };
}
