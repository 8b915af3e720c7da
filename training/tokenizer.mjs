// Tokenizer work for training/train.py, done with the HF `tokenizers` Rust bindings (npm) and transformers.js.
//   node training/tokenizer.mjs train  --kind wordpiece|bpe --corpus FILE --vocab N --out DIR
//   node training/tokenizer.mjs encode --dir DIR --in REQUESTS.jsonl --out IDS.jsonl
// `encode` reads lines {"text": s} (ids without special tokens) or {"messages": [...]} (chat template rendered by
// transformers.js, then tokenized without special tokens so the template's own BOS is the only one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import tk from 'tokenizers';

const {
  Tokenizer,
  WordPiece,
  BPE,
  bertNormalizer,
  bertPreTokenizer,
  byteLevelPreTokenizer,
  byteLevelAlphabet,
} = tk;

const BERT_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LLAMA_SPECIALS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eot_id|>',
  '<|pad|>',
];

// Llama-3 style template. It starts with the BOS token while the post-processor also adds one (as Llama 3 does):
// the engine detects the doubled BOS; training renders with tokenize:false and encodes without special tokens.
const CHAT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

function args() {
  const out = { _: process.argv[2] };
  for (let i = 3; i < process.argv.length; i += 2)
    out[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  return out;
}

function addedToken(id, content) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** Vocab entries of a trained model, sorted by id (alphabet first, then merge order). */
function byId(vocab) {
  return Object.entries(vocab)
    .sort((a, b) => a[1] - b[1])
    .map(([t]) => t);
}

function buildWordPiece(trained, vocabSize) {
  // Specials take ids 0..4, then the first (vocabSize - 5) trained tokens keep their order.
  const tokens = [...BERT_SPECIALS, ...byId(trained.model.vocab).slice(0, vocabSize - BERT_SPECIALS.length)];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BERT_SPECIALS.map((t, i) => addedToken(i, t)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function buildByteLevelBpe(trained, vocabSize) {
  // The base vocab holds vocabSize - |specials| entries: the whole 256-symbol byte alphabet (so no input is
  // ever unknown), then trained tokens in id order. A merge survives when both parts and the result survive.
  const base = vocabSize - LLAMA_SPECIALS.length;
  const alphabet = byteLevelAlphabet();
  const trainedTokens = byId(trained.model.vocab);
  const tokens = [];
  const seen = new Set();
  for (const t of trainedTokens.filter((t) => [...t].length === 1))
    if (!seen.has(t)) (seen.add(t), tokens.push(t));
  for (const t of alphabet) if (!seen.has(t)) (seen.add(t), tokens.push(t));
  for (const t of trainedTokens) {
    if (tokens.length >= base) break;
    if (!seen.has(t)) (seen.add(t), tokens.push(t));
  }
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const merges = trained.model.merges
    .map((m) => (Array.isArray(m) ? m : m.split(' ')))
    .filter(([a, b]) => a in vocab && b in vocab && a + b in vocab);
  const specialIds = Object.fromEntries(LLAMA_SPECIALS.map((t, i) => [t, base + i]));
  const bos = '<|begin_of_text|>';
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: LLAMA_SPECIALS.map((t) => addedToken(specialIds[t], t)),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: bos, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: bos, type_id: 1 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { [bos]: { id: bos, ids: [specialIds[bos]], tokens: [bos] } },
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}

function configs(kind, maxLength) {
  if (kind === 'wordpiece') {
    const specials = {
      unk_token: '[UNK]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      cls_token: '[CLS]',
      mask_token: '[MASK]',
    };
    return [
      {
        tokenizer_class: 'BertTokenizer',
        do_lower_case: true,
        model_max_length: maxLength,
        clean_up_tokenization_spaces: true,
        ...specials,
      },
      specials,
    ];
  }
  const specials = { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', pad_token: '<|pad|>' };
  return [
    {
      tokenizer_class: 'PreTrainedTokenizerFast',
      model_max_length: maxLength,
      clean_up_tokenization_spaces: false,
      chat_template: CHAT_TEMPLATE,
      ...specials,
    },
    specials,
  ];
}

function train(a) {
  const vocabSize = Number(a.vocab);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-tok-'));
  const tok = a.kind === 'wordpiece' ? new Tokenizer(WordPiece.empty()) : new Tokenizer(BPE.empty());
  if (a.kind === 'wordpiece') {
    tok.setNormalizer(bertNormalizer({ lowercase: true }));
    tok.setPreTokenizer(bertPreTokenizer());
  } else {
    tok.setPreTokenizer(byteLevelPreTokenizer(false, true));
  }
  // Default trainer (the bindings expose no trainer options): vocab 30000, truncated below.
  tok.train([a.corpus]);
  tok.save(path.join(tmp, 'trained.json'));
  const trained = JSON.parse(fs.readFileSync(path.join(tmp, 'trained.json'), 'utf8'));
  const json =
    a.kind === 'wordpiece' ? buildWordPiece(trained, vocabSize) : buildByteLevelBpe(trained, vocabSize);
  fs.mkdirSync(a.out, { recursive: true });
  fs.writeFileSync(path.join(a.out, 'tokenizer.json'), JSON.stringify(json));
  const [cfg, map] = configs(a.kind, Number(a['max-length'] ?? 256));
  fs.writeFileSync(path.join(a.out, 'tokenizer_config.json'), JSON.stringify(cfg, null, 2) + '\n');
  fs.writeFileSync(path.join(a.out, 'special_tokens_map.json'), JSON.stringify(map, null, 2) + '\n');
  fs.rmSync(tmp, { recursive: true, force: true });
  // Round trip: the written file must load in the Rust library and have the requested size.
  const check = Tokenizer.fromFile(path.join(a.out, 'tokenizer.json'));
  console.log(
    `tokenizer ${a.kind}: trained ${trained.model.vocab ? Object.keys(trained.model.vocab).length : '?'} -> ${check.getVocabSize(true)} tokens`,
  );
}

export async function loadTransformersTokenizer(dir) {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.resolve(dir, '..') + '/';
  return AutoTokenizer.from_pretrained(path.basename(path.resolve(dir)));
}

async function encode(a) {
  const rust = Tokenizer.fromFile(path.join(a.dir, 'tokenizer.json'));
  const lines = fs
    .readFileSync(a.in, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  let hf = null;
  const texts = [];
  for (const r of lines) {
    if (r.messages) {
      hf ??= await loadTransformersTokenizer(a.dir);
      texts.push(hf.apply_chat_template(r.messages, { tokenize: false }));
    } else texts.push(r.text);
  }
  const out = fs.createWriteStream(a.out);
  const chunk = 2000;
  for (let i = 0; i < texts.length; i += chunk) {
    const encs = await rust.encodeBatch(texts.slice(i, i + chunk), { addSpecialTokens: false });
    for (const e of encs) out.write(JSON.stringify(e.getIds()) + '\n');
  }
  await new Promise((res) => out.end(res));
}

// CLI only when run directly (reference.mjs imports loadTransformersTokenizer from here).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = args();
  if (a._ === 'train') train(a);
  else if (a._ === 'encode') await encode(a);
  else throw new Error(`unknown command ${a._}`);
}
