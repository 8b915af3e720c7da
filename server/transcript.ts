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
  /** True when this layout's first turn marker opens the text. */
  startsWith: (text: string) => boolean;
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

function stripEdgeTokens(text: string, ends: { start: boolean; end: boolean }): string {
  let t = text;
  for (let changed = true; changed;) {
    changed = false;
    for (const tok of EDGE_TOKENS) {
      if (ends.start && t.trimStart().startsWith(tok)) {
        t = t.trimStart().slice(tok.length);
        changed = true;
      }
      if (ends.end && t.trimEnd().endsWith(tok)) {
        t = t.trimEnd().slice(0, -tok.length);
        changed = true;
      }
    }
  }
  return t;
}
const BOTH = { start: true, end: true };

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
    startsWith: (text) => text.trimStart().startsWith(start),
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

/** Line-prefixed layouts: each turn starts a line (or paragraph, `separator`) with `Role:`. */
function prefixed(name: string, separator: string, names: Record<string, Role>): Layout {
  const roles = Object.keys(names).join('|');
  const marker = new RegExp(`(?:^|${separator})(${roles}):`, 'g');
  const first = new RegExp(`^(?:${roles}):`);
  return {
    name,
    startsWith: (text) => first.test(text.trimStart()),
    split: (text) => {
      const parts = text.trimStart().split(marker);
      if (parts[0]!.trim() !== '') return `text before the first turn: "${parts[0]!.trim().slice(0, 60)}"`;
      const out: Message[] = [];
      for (let i = 1; i + 1 < parts.length; i += 2)
        out.push({ role: names[parts[i]!]!, content: parts[i + 1]!.trim() });
      return out;
    },
  };
}

/**
 * A text is read in the layout whose marker opens it (after BOS tokens): a marker of another layout further
 * on is only text. The three headed layouts are the chat templates of Llama 3, ChatML (Qwen, many
 * fine-tunes) and Gemma; HH-RLHF's `\n\nHuman:` transcript; and `System:`/`User:`/`Assistant:` lines, which
 * is flattenPromptSide's own form and OpenRLHF's usual `input_template` ("User: {}\nAssistant: ").
 */
export const LAYOUTS: readonly Layout[] = [
  headed('Llama 3', '<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'),
  headed('ChatML', '<|im_start|>', '\n', '<|im_end|>'),
  headed('Gemma', '<start_of_turn>', '\n', '<end_of_turn>'),
  prefixed('HH-RLHF', '\n\n', { Human: 'user', Assistant: 'assistant' }),
  prefixed('role lines', '\n', { System: 'system', User: 'user', Assistant: 'assistant' }),
];

export const LAYOUT_NAMES = LAYOUTS.map((l) => l.name).join(', ');

const layoutOf = (text: string) => LAYOUTS.find((l) => l.startsWith(text));

/** Refuses what no API scores: an empty response, or an empty user turn before it. */
export function checkNotEmpty(input: ScoreInput, where: string): ScoreInput {
  if (input.response.trim() === '')
    throw new RewardError('input', `${where}: the response to score is empty`, { field: where });
  if (input.conversation.turns.at(-1)?.content.trim() === '')
    throw new RewardError('input', `${where}: the user turn before the response is empty`, { field: where });
  return input;
}

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
  return checkNotEmpty(
    {
      conversation: systems.length ? { system: systems.join('\n'), turns } : { turns },
      response: last!.content,
    },
    where,
  );
}

const MULTI_TURN_HINT =
  'for a multi-turn conversation send OpenRLHF `prompts`, a [prompt side, response] pair (TEI, vLLM /score) or `messages` (vLLM /classify)';

/**
 * A full text with its prompt (OpenRLHF `prompts`): the response is everything after the prompt, trailing
 * EOS/padding tokens aside, and is never split again, so markers inside it are only text. The prompt (from
 * the trainer's data, not the policy) is read into turns when a layout opens it, else it is one user turn.
 */
function splitWithPrompt(text: string, prompt: string, where: string): ScoreInput {
  const t = stripEdgeTokens(text, { start: true, end: false }).trimStart();
  const p = stripEdgeTokens(prompt, { start: true, end: false }).trimStart();
  if (p.trim() === '') throw new RewardError('input', `${where}: its prompt is empty`, { field: where });
  if (!t.startsWith(p.trimEnd())) {
    throw new RewardError('input', `${where}: the text does not start with its prompt`, { field: where });
  }
  const response = stripEdgeTokens(t.slice(p.trimEnd().length), { start: false, end: true }).trim();
  const layout = layoutOf(p);
  if (!layout)
    return checkNotEmpty({ conversation: { turns: [{ role: 'user', content: p.trim() }] }, response }, where);
  const messages = layout.split(p);
  if (typeof messages === 'string') {
    throw new RewardError('input', `${where}: cannot read its prompt as ${layout.name}: ${messages}`, {
      field: where,
    });
  }
  // The generation prompt (an opened assistant turn with nothing in it yet) is where the response goes.
  if (messages.at(-1)?.role === 'assistant' && messages.at(-1)!.content === '') messages.pop();
  if (messages.at(-1)?.role !== 'user') {
    throw new RewardError(
      'input',
      `${where}: its prompt must end with a user turn (read as ${layout.name})`,
      {
        field: where,
      },
    );
  }
  return toInput([...messages, { role: 'assistant', content: response }], where, layout.name);
}

/**
 * A full text (prompt and response, as a trainer renders it) → the conversation and the response.
 * With `prompt` (OpenRLHF sends `prompts`) the response is everything after it. Without, the text is read in
 * the layout that opens it and must hold one exchange: turns after the first assistant turn are refused, since
 * a response that writes `\nUser: …\nAssistant: …` must not choose which turn is scored.
 */
export function splitFullText(text: string, where: string, prompt?: string): ScoreInput {
  if (prompt !== undefined) return splitWithPrompt(text, prompt, where);
  const clean = stripEdgeTokens(text, BOTH).trim();
  if (clean === '') throw new RewardError('input', `${where}: the text is empty`, { field: where });
  const layout = layoutOf(clean);
  if (!layout) {
    throw new RewardError(
      'input',
      `${where}: no chat layout opens the text (expected one of: ${LAYOUT_NAMES}), so the prompt and the response to score cannot be told apart. Send the text rendered with a chat template, OpenRLHF \`prompts\`, or use a pair / messages API.`,
      { field: where },
    );
  }
  const messages = layout.split(clean);
  if (typeof messages === 'string') {
    throw new RewardError('input', `${where}: cannot split the text as ${layout.name}: ${messages}`, {
      field: where,
    });
  }
  const firstAnswer = messages.findIndex((m) => m.role === 'assistant');
  if (firstAnswer !== -1 && firstAnswer < messages.length - 1) {
    throw new RewardError(
      'input',
      `${where}: ${layout.name} turn markers follow the first assistant turn, so the text itself would choose which turn is scored; it is not scored (${MULTI_TURN_HINT})`,
      { field: where },
    );
  }
  return toInput(messages, where, layout.name);
}

/**
 * A (prompt side, response) pair → ScoreInput. The prompt side is what flattenPromptSide writes: a lone
 * user message as is (so encoders see exactly the pair they were sent), or `System:`/`User:`/`Assistant:`
 * lines, which are read back into turns so that decoders get the conversation in their own template.
 */
export function splitPair(promptSide: string, response: string, where: string): ScoreInput {
  const plain = checkNotEmpty(
    { conversation: { turns: [{ role: 'user', content: promptSide }] }, response },
    where,
  );
  const lines = LAYOUTS.find((l) => l.name === 'role lines')!;
  if (!lines.startsWith(promptSide)) return plain;
  const messages = lines.split(promptSide);
  if (typeof messages === 'string' || messages.at(-1)?.role !== 'user') return plain;
  let input: ScoreInput;
  try {
    input = toInput([...messages, { role: 'assistant', content: response }], where, 'role lines');
  } catch {
    return plain;
  }
  // Only a prompt side that flattenPromptSide would write this way is read as turns: never change the text.
  return flattenPromptSide(input.conversation) === promptSide ? input : plain;
}
