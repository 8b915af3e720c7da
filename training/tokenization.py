"""Python side of the tokenizers: trains and encodes through training/tokenizer.mjs (HF `tokenizers`, npm).

There is no Python tokenizers package on Debian, so Node does all tokenization; Python only assembles
special tokens and applies the truncation rules shared with src/core/flatten.ts.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from data import Conversation, plan_pair_truncation, truncate_decoder_ids

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def node(*args: str) -> None:
    subprocess.run(["node", str(HERE / "tokenizer.mjs"), *args], check=True, cwd=REPO)


def train_tokenizer(kind: str, texts: list[str], vocab_size: int, out: Path, max_length: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(texts), encoding="utf-8")
        node("train", "--kind", kind, "--corpus", str(corpus), "--vocab", str(vocab_size), "--out", str(out),
             "--max-length", str(max_length))


def _encode(tok_dir: Path, requests: list[dict[str, Any]]) -> list[list[int]]:
    with tempfile.TemporaryDirectory() as tmp:
        req, res = Path(tmp) / "req.jsonl", Path(tmp) / "ids.jsonl"
        req.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests), encoding="utf-8")
        node("encode", "--dir", str(tok_dir), "--in", str(req), "--out", str(res))
        return [json.loads(line) for line in res.read_text(encoding="utf-8").splitlines()]


def encode_texts(tok_dir: Path, texts: list[str]) -> dict[str, list[int]]:
    """Ids without special tokens for each distinct text."""
    uniq = sorted(set(texts))
    return dict(zip(uniq, _encode(tok_dir, [{"text": t} for t in uniq])))


def chat_messages(conversation: Conversation, response: str) -> list[dict[str, str]]:
    system = conversation.get("system")
    msgs = [{"role": "system", "content": system}] if system else []
    return msgs + [dict(t) for t in conversation["turns"]] + [{"role": "assistant", "content": response}]


def encode_chats(tok_dir: Path, chats: list[list[dict[str, str]]]) -> list[list[int]]:
    """Template-rendered conversations, tokenized without special tokens: exactly one BOS (the template's)."""
    return _encode(tok_dir, [{"messages": m} for m in chats])


def tokenizer_specials(tok_dir: Path) -> dict[str, int]:
    j = json.loads((tok_dir / "tokenizer.json").read_text(encoding="utf-8"))
    return {t["content"]: t["id"] for t in j["added_tokens"]}


def vocab_size(tok_dir: Path) -> int:
    j = json.loads((tok_dir / "tokenizer.json").read_text(encoding="utf-8"))
    return max([*j["model"]["vocab"].values(), *(t["id"] for t in j["added_tokens"])]) + 1


def encoder_input(p: list[int], r: list[int], max_length: int, cls: int, sep: int) -> tuple[list[int], list[int], bool]:
    """[CLS] prompt [SEP] response [SEP] with planPairTruncation: prompt cut from the left, response keeps its start."""
    # The shared rule keeps up to 64 prompt tokens, so it needs a budget of at least 64.
    assert max_length - 3 >= 64, "encoder max length must be >= 67"
    keep_p, keep_r, truncated = plan_pair_truncation(len(p), len(r), max_length - 3)
    p = p[len(p) - keep_p:]
    r = r[:keep_r]
    ids = [cls, *p, sep, *r, sep]
    types = [0] * (len(p) + 2) + [1] * (len(r) + 1)
    return ids, types, truncated


def decoder_input(ids: list[int], max_length: int, bos: int) -> tuple[list[int], bool]:
    return truncate_decoder_ids(ids, max_length, bos)
