/**
 * Full texts → ScoreInput, for the APIs that send one string per input (OpenRLHF's `/get_reward` query, a
 * TEI single sequence, vLLM `/classify` `input`), and (prompt side, response) pairs → ScoreInput (TEI pairs,
 * vLLM `/score`). docs/architecture.md, 'Reward APIs' describes the rules; the engine then formats the
 * conversation as every other request (encoders: flattenPromptSide; decoders: the model's own chat template).
 */
import { RewardError } from '../src/core/errors';
import { flattenPromptSide } from '../src/core/flatten';
import type { ScoreInput, Turn } from '../src/core/types';

type Role = 'system' | 'user' | 'assistant';
interface Message {
  role: Role;
  content: string;
}

/** A chat transcript layout: how to find its turns in a text. */
interface Layout {
  name: string;
  /** True when the text is written in this layout. */
  test: (text: string) => boolean;
  split: (text: string) => Message[] | string;
}

/** Special tokens a trainer may leave around a sequence (BOS, EOS, padding), stripped before splitting. */
const EDGE_TOKENS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|endoftext|>',
  '<|eot_id|>',
  '<|im_end|>',
  '<|pad|>',
  '<end_of_turn>',
  '<bos>',
  '<eos>',
  '<pad>',
  '<s>',
  '</s>',
  '[CLS]',
  '[SEP]',
  '[PAD]',
];

function stripEdgeTokens(text: string): string {
  let t = text.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const tok of EDGE_TOKENS) {
      if (t.startsWith(tok)) {
        t = t.slice(tok.length).trim();
        changed = true;
      }
      if (t.endsWith(tok)) {
        t = t.slice(0, -tok.length).trim();
        changed = true;
      }
    }
  }
  return t;
}

const roleOf = (name: string): Role | null =>
  name === 'system'
    ? 'system'
    : name === 'user' || name === 'human'
      ? 'user'
      : name === 'assistant' || name === 'model'
        ? 'assistant'
        : null;

/** Headed layouts: a start marker, the role, a header end, the content, an end marker. */
function headed(name: string, start: string, headerEnd: string, end: string): Layout {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const turn = new RegExp(
    `${esc(start)}([a-z_]+)${esc(headerEnd)}([\\s\\S]*?)(?:${esc(end)}|(?=${esc(start)})|$)`,
    'g',
  );
  return {
    name,
    test: (text) => text.includes(start),
    split: (text) => {
      const out: Message[] = [];
      let at = 0;
      for (const m of text.matchAll(turn)) {
        const gap = text.slice(at, m.index);
        if (gap.trim() !== '') return `text outside any turn: "${gap.trim().slice(0, 60)}"`;
        const role = roleOf(m[1]!);
        if (!role) return `unknown role "${m[1]}"`;
        out.push({ role, content: m[2]!.trim() });
        at = m.index + m[0].length;
      }
      const rest = text.slice(at);
      if (rest.trim() !== '') return `text outside any turn: "${rest.trim().slice(0, 60)}"`;
      return out;
    },
  };
}

/** Line-prefixed layouts: each turn starts a line (or paragraph) with `Role:`. */
function prefixed(name: string, marker: RegExp, names: Record<string, Role>): Layout {
  return {
    name,
    test: (text) => marker.test(text),
    split: (text) => {
      const parts = text.split(new RegExp(marker.source, 'g'));
      if (parts[0]!.trim() !== '') return `text before the first turn: "${parts[0]!.trim().slice(0, 60)}"`;
      const out: Message[] = [];
      for (let i = 1; i + 1 < parts.length; i += 2)
        out.push({ role: names[parts[i]!]!, content: parts[i + 1]!.trim() });
      return out;
    },
  };
}

/**
 * Tried in this order; the first whose markers appear in the text must split it. The three headed
 * layouts are the chat templates of Llama 3, ChatML (Qwen, many fine-tunes) and Gemma; HH-RLHF's
 * `\n\nHuman:` transcript; and `System:`/`User:`/`Assistant:` lines, which is flattenPromptSide's own form
 * and OpenRLHF's usual `input_template` ("User: {}\nAssistant: ").
 */
export const LAYOUTS: readonly Layout[] = [
  headed('Llama 3', '<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'),
  headed('ChatML', '<|im_start|>', '\n', '<|im_end|>'),
  headed('Gemma', '<start_of_turn>', '\n', '<end_of_turn>'),
  prefixed('HH-RLHF', /(?:^|\n\n)(Human|Assistant):/, { Human: 'user', Assistant: 'assistant' }),
  prefixed('role lines', /(?:^|\n)(System|User|Assistant):/, {
    System: 'system',
    User: 'user',
    Assistant: 'assistant',
  }),
];

export const LAYOUT_NAMES = LAYOUTS.map((l) => l.name).join(', ');

/** Messages → ScoreInput: leading system messages, turns, and a final assistant turn after a user turn. */
function toInput(messages: Message[], where: string, layout: string): ScoreInput {
  const fail = (why: string) => {
    throw new RewardError('input', `${where}: ${why} (read as ${layout})`, { field: where });
  };
  const systems: string[] = [];
  let k = 0;
  while (k < messages.length && messages[k]!.role === 'system') systems.push(messages[k++]!.content);
  const rest = messages.slice(k);
  if (rest.some((m) => m.role === 'system')) fail('a system turn comes after other turns');
  const last = rest.at(-1);
  if (last?.role !== 'assistant') fail('the text must end with the assistant turn to score');
  if (rest.at(-2)?.role !== 'user') fail('the scored assistant turn must follow a user turn');
  const turns: Turn[] = rest.slice(0, -1).map((m) => ({ role: m.role as Turn['role'], content: m.content }));
  return {
    conversation: systems.length ? { system: systems.join('\n'), turns } : { turns },
    response: last!.content,
  };
}

/**
 * A full text (prompt and response, as a trainer renders it) → the conversation and the response.
 * `prompt`, when given (OpenRLHF sends `prompts`), is used only when no layout matches: the text must
 * start with it, the prompt becomes one user turn and the rest is the response.
 */
export function splitFullText(text: string, where: string, prompt?: string): ScoreInput {
  const clean = stripEdgeTokens(text);
  for (const layout of LAYOUTS) {
    if (!layout.test(clean)) continue;
    const messages = layout.split(clean);
    if (typeof messages === 'string') {
      throw new RewardError('input', `${where}: cannot split the text as ${layout.name}: ${messages}`, {
        field: where,
      });
    }
    return toInput(messages, where, layout.name);
  }
  if (prompt !== undefined) {
    const p = stripEdgeTokens(prompt);
    if (p !== '' && clean.startsWith(p)) {
      return {
        conversation: { turns: [{ role: 'user', content: p }] },
        response: clean.slice(p.length).trim(),
      };
    }
    throw new RewardError(
      'input',
      `${where}: the text does not start with its prompt, and has no chat layout (${LAYOUT_NAMES})`,
      {
        field: where,
      },
    );
  }
  throw new RewardError(
    'input',
    `${where}: no chat layout found in the text (expected one of: ${LAYOUT_NAMES}), so the prompt and the response to score cannot be told apart. Send the text rendered with a chat template, or use a pair / messages API.`,
    { field: where },
  );
}

/**
 * A (prompt side, response) pair → ScoreInput. The prompt side is what flattenPromptSide writes: a lone
 * user message as is (so encoders see exactly the pair they were sent), or `System:`/`User:`/`Assistant:`
 * lines, which are read back into turns so that decoders get the conversation in their own template.
 */
export function splitPair(promptSide: string, response: string, where: string): ScoreInput {
  const plain: ScoreInput = { conversation: { turns: [{ role: 'user', content: promptSide }] }, response };
  const lines = LAYOUTS.find((l) => l.name === 'role lines')!;
  if (!lines.test(promptSide)) return plain;
  const messages = lines.split(promptSide);
  if (typeof messages === 'string' || messages.at(-1)?.role !== 'user') return plain;
  const input = toInput([...messages, { role: 'assistant', content: response }], where, 'role lines');
  // Only a prompt side that flattenPromptSide would write this way is read as turns: never change the text.
  return flattenPromptSide(input.conversation) === promptSide ? input : plain;
}
