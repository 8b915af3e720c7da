/**
 * Chat messages ↔ the engine's ScoreInput, one way each for the whole product (docs/architecture.md, 'Shared
 * types'): `toChatMessages` builds the NIM and vLLM requests and the decoder's chat-template input;
 * `splitSystem` reads the leading system messages of the server's requests and of the dataset formats.
 */
import type { Conversation, Role, ScoreInput, Turn } from './types';

export interface ChatMessage {
  role: Role;
  content: string;
}

/** System (if any), the history, then the scored response as the final assistant turn. */
export function toChatMessages(input: ScoreInput): ChatMessage[] {
  const { system, turns } = input.conversation;
  return [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...turns.map((t) => ({ role: t.role, content: t.content })),
    { role: 'assistant', content: input.response },
  ];
}

/**
 * Leading system messages become `system` (several are joined with a blank line, as paragraphs); the rest are
 * the turns. A system message after the first turn is refused through `misplaced(index)`, which words the error
 * for its caller. Which turn must come last is the caller's rule.
 */
export function splitSystem(
  messages: readonly ChatMessage[],
  misplaced: (index: number) => Error,
): Pick<Conversation, 'system'> & { turns: Turn[] } {
  const systems: string[] = [];
  let i = 0;
  while (i < messages.length && messages[i]!.role === 'system') systems.push(messages[i++]!.content);
  const turns: Turn[] = [];
  for (; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === 'system') throw misplaced(i);
    turns.push({ role: m.role, content: m.content });
  }
  return systems.length ? { system: systems.join('\n\n'), turns } : { turns };
}
