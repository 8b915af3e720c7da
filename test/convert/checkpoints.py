"""Builds one small Hugging Face checkpoint per family with transformers (real configuration classes and tokenizer
classes, sizes scaled down, random weights; BERT is the real pretrained MiniLM), then converts each with
training/convert.py in this one process (importing torch once keeps the test inside CI's time).

    node training/python.mjs ../test/convert/checkpoints.py WORK [--only a,b] [--dtype fp32,q8]

Writes WORK/hf/<family> (the checkpoint) and WORK/onnx/<family> (the converted folder), and WORK/summary.json;
--build-only writes the checkpoints alone.
Nothing is downloaded: tokenizers are built from vocabularies here or taken from public/models.
"""

from __future__ import annotations

import json
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

import torch  # noqa: E402
import transformers as tf  # noqa: E402
from convert import convert  # noqa: E402
from pretrained import ENCODER, locate  # noqa: E402
from transformers.convert_slow_tokenizer import bytes_to_unicode  # noqa: E402

MODELS = REPO / "public" / "models"
TINY = {
    "hidden_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 128,
}
CHARS = sorted(
    set(
        string.ascii_letters
        + string.digits
        + string.punctuation
        + "àâçéèêëîïôûùüÿñ«»¿¡—’"
    )
)

# Chat templates modelled on the real ones (tool-calling branches left out).
LLAMA31 = (
    '{{- bos_token }}\n{%- if not date_string is defined %}{%- set date_string = "26 Jul 2024" %}{%- endif %}\n'
    "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content']|trim %}"
    '{%- set messages = messages[1:] %}{%- else %}{%- set system_message = "" %}{%- endif %}\n'
    '{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}{{- "Cutting Knowledge Date: December 2023\\n" }}'
    '{{- "Today Date: " + date_string + "\\n\\n" }}{{- system_message }}{{- "<|eot_id|>" }}\n'
    "{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + "
    "message['content'] | trim + '<|eot_id|>' }}{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}\n"
)
QWEN25 = (
    "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}"
    "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    "<|im_end|>\\n' }}{%- endif %}\n{%- for message in messages %}{%- if message.role != 'system' %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}\n"
)
CHATML = (
    "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}"
    "{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
GEMMA2 = (
    "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}"
    "{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}"
)
MISTRAL = (
    "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content'] %}"
    "{%- set loop_messages = messages[1:] %}{%- else %}{%- set loop_messages = messages %}{%- endif %}\n"
    "{{- bos_token }}{%- for message in loop_messages %}{%- if message['role'] == 'user' %}"
    "{%- if loop.last and system_message is defined %}{{- '[INST] ' + system_message + '\\n\\n' + message['content'] "
    "+ '[/INST]' }}{%- else %}{{- '[INST] ' + message['content'] + '[/INST]' }}{%- endif %}"
    "{%- elif message['role'] == 'assistant' %}{{- ' ' + message['content'] + eos_token }}{%- endif %}{%- endfor %}"
)


def unigram(specials: list[str]) -> list[tuple[str, float]]:
    return (
        [(s, 0.0) for s in specials]
        + [("▁", -2.0)]
        + [(c, -3.0) for c in CHARS]
        + [("▁" + c, -2.5) for c in string.ascii_lowercase]
    )


def byte_vocab(specials: list[str]) -> dict[str, int]:
    vocab = {s: i for i, s in enumerate(specials)}
    for ch in bytes_to_unicode().values():
        vocab.setdefault(ch, len(vocab))
    return vocab


def wordpiece(specials: list[str]) -> dict[str, int]:
    """The tiny-bert-reward WordPiece vocabulary with another family's special tokens in front."""
    base = json.loads((MODELS / "tiny-bert-reward" / "tokenizer.json").read_text())[
        "model"
    ]["vocab"]
    words = [
        w
        for w, _ in sorted(base.items(), key=lambda kv: kv[1])
        if not w.startswith("[")
    ]
    return {w: i for i, w in enumerate(specials + words)}


def save(folder: Path, model: Any, tok: Any) -> None:
    tok.save_pretrained(folder)
    model.save_pretrained(folder)


def encoder(
    cfg_cls: Any, model_cls: Any, tok: Any, **cfg: Any
) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        config = cfg_cls(
            vocab_size=len(tok),
            pad_token_id=tok.pad_token_id,
            num_labels=1,
            **{**TINY, **cfg},
        )
        config.architectures = [model_cls.__name__]
        save(folder, model_cls(config), tok)

    return build


def decoder(
    cfg_cls: Any,
    model_cls: Any,
    tok: Any,
    template: str,
    labels: list[str] | None = None,
    **cfg: Any,
) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        tok.chat_template = template
        config = cfg_cls(
            vocab_size=len(tok),
            num_key_value_heads=2,
            max_position_embeddings=512,
            pad_token_id=tok.pad_token_id,
            bos_token_id=tok.bos_token_id,
            eos_token_id=tok.eos_token_id,
            num_labels=len(labels) if labels else 1,
            **{**TINY, **cfg},
        )
        if labels:
            config.id2label = dict(enumerate(labels))
            config.label2id = {v: k for k, v in config.id2label.items()}
        config.architectures = [model_cls.__name__]
        save(folder, model_cls(config), tok)

    return build


def minilm(folder: Path) -> None:
    src = locate(ENCODER).path
    model = tf.BertForSequenceClassification.from_pretrained(src, num_labels=1)
    save(folder, model, tf.AutoTokenizer.from_pretrained(src))


def helpsteer(folder: Path) -> None:
    tok = tf.BertTokenizer(
        vocab=wordpiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    )
    labels = ["helpfulness", "correctness", "coherence", "complexity", "verbosity"]
    config = tf.BertConfig(vocab_size=len(tok), num_labels=5, **TINY)
    config.id2label = dict(enumerate(labels))
    config.label2id = {v: k for k, v in config.id2label.items()}
    config.architectures = ["BertForSequenceClassification"]
    save(folder, tf.BertForSequenceClassification(config), tok)


def llama_tok(pad: bool = True) -> Any:
    tok = tf.AutoTokenizer.from_pretrained(MODELS / "tiny-llama-reward")
    tok.chat_template = None
    if not pad:
        tok.pad_token = None  # as Llama 3's own tokenizer: no padding token
    return tok


def families() -> dict[str, Callable[[Path], None]]:
    bpe = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    qwen = byte_vocab(["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
    return {
        "bert-minilm": minilm,
        "roberta": encoder(
            tf.RobertaConfig,
            tf.RobertaForSequenceClassification,
            tf.RobertaTokenizer(vocab=byte_vocab(bpe), merges=[]),
            max_position_embeddings=130,
            type_vocab_size=1,
        ),
        "xlm-roberta": encoder(
            tf.XLMRobertaConfig,
            tf.XLMRobertaForSequenceClassification,
            tf.XLMRobertaTokenizer(vocab=unigram(["<s>", "<pad>", "</s>", "<unk>"])),
            max_position_embeddings=130,
            type_vocab_size=1,
        ),
        "deberta-v2": encoder(
            tf.DebertaV2Config,
            tf.DebertaV2ForSequenceClassification,
            tf.DebertaV2Tokenizer(
                vocab=unigram(["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"])
            ),
            # DeBERTa-v3's layout: relative positions only, no token types.
            type_vocab_size=0,
            relative_attention=True,
            position_buckets=32,
            max_relative_positions=-1,
            pos_att_type=["p2c", "c2p"],
            position_biased_input=False,
            norm_rel_ebd="layer_norm",
            share_att_key=True,
            max_position_embeddings=128,
        ),
        "distilbert": encoder(
            tf.DistilBertConfig,
            tf.DistilBertForSequenceClassification,
            tf.DistilBertTokenizer(
                vocab=wordpiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
            ),
            dim=64,
            n_layers=2,
            n_heads=4,
            hidden_dim=128,
            max_position_embeddings=128,
        ),
        "electra": encoder(
            tf.ElectraConfig,
            tf.ElectraForSequenceClassification,
            tf.ElectraTokenizer(
                vocab=wordpiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
            ),
            embedding_size=32,
            max_position_embeddings=128,
        ),
        "mpnet": encoder(
            tf.MPNetConfig,
            tf.MPNetForSequenceClassification,
            tf.MPNetTokenizer(
                vocab=wordpiece(["<s>", "<pad>", "</s>", "<unk>", "<mask>", "[UNK]"])
            ),
            max_position_embeddings=130,
        ),
        "helpsteer-bert": helpsteer,
        "llama": decoder(
            tf.LlamaConfig, tf.LlamaForSequenceClassification, llama_tok(), LLAMA31
        ),
        # No pad id anywhere: the head reads the last token, and the engine runs one input per batch.
        "llama-no-pad": decoder(
            tf.LlamaConfig,
            tf.LlamaForSequenceClassification,
            llama_tok(pad=False),
            LLAMA31,
        ),
        "qwen2": decoder(
            tf.Qwen2Config,
            tf.Qwen2ForSequenceClassification,
            tf.Qwen2Tokenizer(vocab=dict(qwen), merges=[]),
            QWEN25,
        ),
        "qwen3": decoder(
            tf.Qwen3Config,
            tf.Qwen3ForSequenceClassification,
            tf.Qwen2Tokenizer(vocab=dict(qwen), merges=[]),
            CHATML,
            head_dim=16,
        ),
        "gemma2": decoder(
            tf.Gemma2Config,
            tf.Gemma2ForSequenceClassification,
            tf.GemmaTokenizer(
                vocab={
                    **{"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3},
                    **{c: i + 4 for i, c in enumerate([*CHARS, "▁"])},
                },
                merges=[],
            ),
            GEMMA2,
            head_dim=16,
        ),
        "mistral": decoder(
            tf.MistralConfig,
            tf.MistralForSequenceClassification,
            tf.LlamaTokenizer(
                vocab={
                    **{"<unk>": 0, "<s>": 1, "</s>": 2},
                    **{c: i + 3 for i, c in enumerate([*CHARS, "▁"])},
                },
                merges=[],
            ),
            MISTRAL,
        ),
    }


def qwen3_0_6b(folder: Path) -> None:
    """Qwen3-0.6B's configuration at full size (Skywork-Reward-V2-Qwen3-0.6B's shape), random weights: the file
    sizes, shapes and memory are real, the scores are not. Built only when --only names it (bench/real-scale.ts)."""
    tok = tf.Qwen2Tokenizer(
        vocab=byte_vocab(["<|endoftext|>", "<|im_start|>", "<|im_end|>"]), merges=[]
    )
    tok.chat_template = CHATML
    config = tf.Qwen3Config(
        vocab_size=151936,
        hidden_size=1024,
        intermediate_size=3072,
        num_hidden_layers=28,
        num_attention_heads=16,
        num_key_value_heads=8,
        head_dim=128,
        max_position_embeddings=40960,
        rope_theta=1000000.0,
        rms_norm_eps=1e-6,
        pad_token_id=tok.pad_token_id,
        bos_token_id=None,
        eos_token_id=tok.eos_token_id,
        num_labels=1,
    )
    config.architectures = ["Qwen3ForSequenceClassification"]
    save(folder, tf.Qwen3ForSequenceClassification(config), tok)


# Real-size checkpoints: slow to build and convert, so never part of a default run.
REAL_SCALE: dict[str, Callable[[Path], None]] = {"qwen3-0.6b": qwen3_0_6b}


def roberta_edited(
    drop_prefix: str | None = None,
    config: dict[str, Any] | None = None,
    tokenizer: dict[str, Any] | None = None,
) -> Callable[[Path], None]:
    """The roberta checkpoint with tensors removed from its weights or fields changed in its config.json (or in
    tokenizer_config.json)."""

    def build(folder: Path) -> None:
        families()["roberta"](folder)
        if drop_prefix:
            from safetensors.torch import load_file, save_file

            path = folder / "model.safetensors"
            state = load_file(path)
            kept = {k: v for k, v in state.items() if not k.startswith(drop_prefix)}
            save_file(kept, path, metadata={"format": "pt"})
        for name, edits in (
            ("config.json", config),
            ("tokenizer_config.json", tokenizer),
        ):
            if not edits:
                continue
            path = folder / name
            raw = json.loads(path.read_text())
            for k, v in edits.items():
                raw[k] = v(raw[k]) if callable(v) else v
            path.write_text(json.dumps(raw, indent=1))

    return build


# Checkpoints convert must refuse (cli/convert-safety.test.ts); built only when --only names them.
FAULTY: dict[str, Callable[[Path], None]] = {
    # The reward head's weights missing: transformers would initialise it at random.
    # Its tokenizer states a length, as real ones do: the fixed inputs past it must not print transformers' warning.
    "roberta-no-classifier": roberta_edited(
        drop_prefix="classifier.", tokenizer={"model_max_length": 128}
    ),
    # One layer more than the weights hold: that layer would be random.
    "roberta-extra-layer": roberta_edited(
        config={"num_hidden_layers": lambda n: n + 1}
    ),
    # No real model has this many layers; allocating them would exhaust memory.
    "roberta-100000-layers": roberta_edited(config={"num_hidden_layers": 100000}),
}


# Exports some Hub repositories ship, converted again from a family's checkpoint: every weight in external data
# (`onnx/<file>_data`), a graph that takes position_ids, float16 logits.
VARIANTS: dict[str, tuple[str, list[str], dict[str, Any]]] = {
    "roberta-external-fp16io": (
        "roberta",
        ["fp32", "fp16"],
        {"external_over": 0, "fp16_io": True},
    ),
    "qwen3-external": ("qwen3", ["fp32", "q4"], {"external_over": 0}),
    "llama-positions-fp16io": (
        "llama",
        ["fp32", "fp16"],
        {"position_ids": True, "fp16_io": True},
    ),
}


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("work", type=Path)
    ap.add_argument("--only", default="")
    ap.add_argument("--dtype", default="fp32,fp16,q8,q4")
    ap.add_argument("--no-variants", action="store_true")
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="write the checkpoints, convert nothing",
    )
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    tf.logging.set_verbosity_error()
    wanted = [f for f in args.only.split(",") if f]
    summary: dict[str, Any] = {}
    extra = {**REAL_SCALE, **FAULTY}
    builders = {**families(), **{k: v for k, v in extra.items() if k in wanted}}
    for name, build in builders.items():
        if wanted and name not in wanted:
            continue
        t0 = time.time()
        hf = args.work / "hf" / name
        build(hf)
        if args.build_only:
            continue
        # The real MiniLM (22.7 M parameters) takes most of the time: its shipped dtype only; the tiny BERT
        # (helpsteer-bert) covers the rest.
        dtypes = (
            [d for d in args.dtype.split(",") if d in ("fp32", "q8")]
            if name == "bert-minilm"
            else args.dtype.split(",")
        )
        parity = convert(str(hf), args.work / "onnx" / name, dtypes, True)
        summary[name] = {
            "seconds": round(time.time() - t0, 1),
            "dtypes": parity["dtypes"],
        }
    for name, (base, dtypes, kw) in VARIANTS.items():
        if args.no_variants or args.build_only or (wanted and base not in wanted):
            continue
        t0 = time.time()
        parity = convert(
            str(args.work / "hf" / base), args.work / "onnx" / name, dtypes, True, **kw
        )
        summary[name] = {
            "seconds": round(time.time() - t0, 1),
            "dtypes": parity["dtypes"],
        }
    (args.work / "summary.json").write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
