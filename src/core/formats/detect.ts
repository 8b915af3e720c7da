import { RewardError } from '../errors';
import { parseCandidatesRow } from './candidates';
import { parseHhRow } from './hh';
import { parseNemoRow } from './nemo';
import { parsePairRow } from './pairs';
import type { FormatName, NormalizedRow } from './rows';

export const ROW_PARSERS: Record<FormatName, (value: unknown, line: number) => NormalizedRow> = {
  nemo: parseNemoRow,
  candidates: parseCandidatesRow,
  'hh-rlhf': parseHhRow,
  pairs: parsePairRow,
};

/** What each format needs, for the "nothing matched" message. */
export const FORMAT_REQUIREMENTS: Record<FormatName, string> = {
  pairs:
    'pairs (TRL/RewardBench): {"prompt": str, "chosen": str, "rejected": str} or chosen/rejected as [{role, content}] lists, optional "subset" or "context"',
  'hh-rlhf': 'hh-rlhf: {"chosen": "\\n\\nHuman: …\\n\\nAssistant: …", "rejected": "…"}',
  nemo: 'nemo: {"system": str, "mask": "User", "conversations": [{"from": "User"|"Assistant", "value": str}]}',
  candidates: 'candidates: {"prompt": str | "messages": [{role, content}], "responses": [str, …]}',
};

/** Stricter formats first, so that on equal counts the more specific one wins. */
const DETECT_ORDER: readonly FormatName[] = ['nemo', 'candidates', 'hh-rlhf', 'pairs'];

/** How many rows auto-detection looks at. */
export const DETECT_SAMPLE = 20;

/**
 * Picks the format that parses the most of the first rows (ties go to the more specific format).
 * Throws a RewardError naming what each format requires when no format parses any of them.
 */
export function detectFormat(samples: readonly { line: number; value: unknown }[]): FormatName {
  const head = samples.slice(0, DETECT_SAMPLE);
  if (head.length === 0) {
    throw new RewardError('format', 'The file has no JSON rows, so its format cannot be detected.');
  }
  let best: FormatName | undefined;
  let bestCount = 0;
  const firstErrors = new Map<FormatName, string>();
  for (const format of DETECT_ORDER) {
    let count = 0;
    for (const s of head) {
      try {
        ROW_PARSERS[format](s.value, s.line);
        count++;
      } catch (e) {
        if (!firstErrors.has(format)) firstErrors.set(format, e instanceof Error ? e.message : String(e));
      }
    }
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  if (best) return best;
  const lines = DETECT_ORDER.map(
    (f) => `- ${FORMAT_REQUIREMENTS[f]}\n  (${firstErrors.get(f) ?? 'no match'})`,
  );
  throw new RewardError(
    'format',
    `None of the first ${head.length} rows matches a known format. Expected one of:\n${lines.join('\n')}`,
    { line: head[0]!.line },
  );
}
