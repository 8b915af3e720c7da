// Node half of the reference/parity step, called by training/train.py:
//   node training/reference.mjs --dir MODEL_DIR --in REQUEST.json --out RESULT.json
// REQUEST: { family, max_length, cases: [{ name, prompt_side, messages, response, input_ids, token_type_ids?, torch }],
//            val: [[ids...] | [[ids...],[types...]], ...] }
// It checks that transformers.js and the Rust `tokenizers` build the same input_ids as Python did, runs fp32 and q8
// ONNX files in onnxruntime-node (graphOptimizationLevel 'basic'), and scores `val` with q8 for the fp32/q8 agreement.
import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import tk from 'tokenizers';
import { loadTransformersTokenizer } from './tokenizer.mjs';

function args() {
  const out = {};
  for (let i = 2; i < process.argv.length; i += 2)
    out[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  return out;
}

// Twins of src/core/flatten.ts (kept local so this script runs in plain Node without a TS loader).
function planPairTruncation(promptLen, responseLen, budget) {
  if (promptLen + responseLen <= budget)
    return { keepPrompt: promptLen, keepResponse: responseLen, truncated: false };
  const keepPrompt = Math.min(promptLen, Math.max(budget - responseLen, Math.min(promptLen, 64)));
  return { keepPrompt, keepResponse: Math.min(responseLen, budget - keepPrompt), truncated: true };
}
function truncateDecoderIds(ids, maxLength, bos) {
  if (ids.length <= maxLength) return { ids: [...ids], truncated: false };
  const keepBos = bos !== null && ids[0] === bos;
  const tail = ids.slice(ids.length - (maxLength - (keepBos ? 1 : 0)));
  return { ids: keepBos ? [bos, ...tail] : tail, truncated: true };
}

const toArr = (t) => Array.from(t.data ?? t, Number);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Input ids as transformers.js builds them (the engine's path). */
function hfIds(hf, family, c, maxLength) {
  if (family === 'encoder') {
    const p = toArr(hf(c.prompt_side, { add_special_tokens: false }).input_ids);
    const r = toArr(hf(c.response, { add_special_tokens: false }).input_ids);
    const plan = planPairTruncation(p.length, r.length, maxLength - 3);
    const [cls, sep] = hf.convert_tokens_to_ids(['[CLS]', '[SEP]']);
    const pk = p.slice(p.length - plan.keepPrompt);
    const rk = r.slice(0, plan.keepResponse);
    const ids = [cls, ...pk, sep, ...rk, sep];
    if (!plan.truncated) {
      // Untruncated pairs must equal the tokenizer's own pair encoding (BertProcessing).
      const enc = hf(c.prompt_side, { text_pair: c.response });
      if (!same(toArr(enc.input_ids), ids)) throw new Error(`${c.name}: pair encoding differs`);
    }
    return { ids, types: [...Array(pk.length + 2).fill(0), ...Array(rk.length + 1).fill(1)] };
  }
  const text = hf.apply_chat_template(c.messages, { tokenize: false });
  let ids = toArr(hf(text).input_ids); // post-processor adds BOS, the template added one too
  const bos = hf.convert_tokens_to_ids(['<|begin_of_text|>'])[0];
  if (ids[0] === bos && ids[1] === bos) ids = ids.slice(1); // the engine drops the doubled BOS
  return { ids: truncateDecoderIds(ids, maxLength, bos).ids };
}

function rustIds(rust, family, c, maxLength) {
  return (async () => {
    if (family === 'encoder') {
      const p = (await rust.encode(c.prompt_side, null, { addSpecialTokens: false })).getIds();
      const r = (await rust.encode(c.response, null, { addSpecialTokens: false })).getIds();
      const plan = planPairTruncation(p.length, r.length, maxLength - 3);
      return [
        rust.tokenToId('[CLS]'),
        ...p.slice(p.length - plan.keepPrompt),
        rust.tokenToId('[SEP]'),
        ...r.slice(0, plan.keepResponse),
        rust.tokenToId('[SEP]'),
      ];
    }
    return null; // the decoder's rendered text comes from transformers.js; compared below on that text
  })();
}

async function run(session, family, seqs) {
  // One sequence per run: no padding, so nothing depends on batch composition.
  const out = [];
  for (const s of seqs) {
    const ids = family === 'encoder' ? s[0] : s;
    const n = ids.length;
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    };
    if (family === 'encoder')
      feeds.token_type_ids = new ort.Tensor('int64', BigInt64Array.from(s[1].map(BigInt)), [1, n]);
    const res = await session.run(feeds);
    out.push(Array.from(res.logits.data, Number));
  }
  return out;
}

const a = args();
const req = JSON.parse(fs.readFileSync(a.in, 'utf8'));
const hf = await loadTransformersTokenizer(a.dir);
const rust = tk.Tokenizer.fromFile(path.join(a.dir, 'tokenizer.json'));
let tokenMismatches = 0;
for (const c of req.cases) {
  const h = hfIds(hf, req.family, c, req.max_length);
  const r = await rustIds(rust, req.family, c, req.max_length);
  let ok = same(h.ids, c.input_ids) && (r === null || same(r, c.input_ids));
  if (req.family === 'encoder') ok &&= same(h.types, c.token_type_ids);
  else {
    const text = hf.apply_chat_template(c.messages, { tokenize: false });
    const rr = (await rust.encode(text, null, { addSpecialTokens: true })).getIds().slice(1); // Rust adds BOS too
    ok &&= same(truncateDecoderIds(rr, req.max_length, c.input_ids[0]).ids, c.input_ids);
  }
  if (!ok) {
    tokenMismatches++;
    console.error(`token mismatch in case ${c.name}`);
  }
}
const opts = { graphOptimizationLevel: 'basic' };
const fp32 = await ort.InferenceSession.create(path.join(a.dir, 'onnx/model.onnx'), opts);
const q8 = await ort.InferenceSession.create(path.join(a.dir, 'onnx/model_quantized.onnx'), opts);
const seqs = req.cases.map((c) => (req.family === 'encoder' ? [c.input_ids, c.token_type_ids] : c.input_ids));
const f = await run(fp32, req.family, seqs);
const q = await run(q8, req.family, seqs);
let maxDiff = 0;
req.cases.forEach((c, i) => c.torch.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - f[i][j])))));
const valQ8 = await run(q8, req.family, req.val ?? []);
fs.writeFileSync(
  a.out,
  JSON.stringify({
    token_mismatches: tokenMismatches,
    ort_fp32: f,
    q8: q,
    max_fp32_diff: maxDiff,
    val_q8: valQ8,
  }),
);
console.log(
  `reference: ${req.cases.length} cases, token mismatches ${tokenMismatches}, max |ORT fp32 - torch| ${maxDiff.toExponential(2)}`,
);
