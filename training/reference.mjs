// Token parity for reference.json, called by training/publish.py:
//   node --import tsx training/reference.mjs MODEL_DIR
// Python built each case's input_ids with the checkpoint's own tokenizer; the engine builds them with
// transformers.js from the shipped tokenizer.json. Any difference is a train/serve skew, so it fails the build.
import path from 'node:path';
import fs from 'node:fs';
import { AutoTokenizer, env } from '@huggingface/transformers';
// The engine's own rules (run with `node --import tsx`), so this check cannot drift from what the engine does.
import { flattenPromptSide, planPairTruncation } from '../src/core/flatten.ts';

const dir = path.resolve(process.argv[2]);
const ref = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8'));
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(dir) + '/';
const tok = await AutoTokenizer.from_pretrained(path.basename(dir));
const ids = (t) => Array.from(t.data, Number);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
let bad = 0;
for (const c of ref.cases) {
  const p = ids(tok(flattenPromptSide(c.conversation), { add_special_tokens: false }).input_ids);
  const r = ids(tok(c.response, { add_special_tokens: false }).input_ids);
  const plan = planPairTruncation(p.length, r.length, ref.max_length - 3);
  const [cls, sep] = tok.convert_tokens_to_ids(['[CLS]', '[SEP]']);
  const got = [cls, ...p.slice(p.length - plan.keepPrompt), sep, ...r.slice(0, plan.keepResponse), sep];
  if (!same(got, c.input_ids) || plan.truncated !== c.truncated) {
    bad++;
    console.error(`token mismatch in case ${c.name}:\n  python ${c.input_ids}\n  js     ${got}`);
  }
}
console.log(`reference: ${ref.cases.length} cases, transformers.js token mismatches: ${bad}`);
process.exit(bad ? 1 : 0);
