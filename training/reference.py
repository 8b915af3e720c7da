"""Fixed reference inputs and reference.json (the engine's parity tests read it)."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import torch
from torch import nn

from data import flatten_prompt_side
from fit import Seq, collate
from tokenization import (
    HERE,
    REPO,
    chat_messages,
    decoder_input,
    encode_chats,
    encode_texts,
    encoder_input,
    tokenizer_specials,
)

FRANCE = {"turns": [{"role": "user", "content": "What is the capital of France?"}]}
LONG_PROMPT = " ".join(f"Step {i}: explain why the sky looks blue at noon and red at sunset." for i in range(60))

# (name, conversation, response). Covers unicode/emoji/CJK, truncation, multi-turn with system, empty-ish text.
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("capital-good", FRANCE, "The capital of France is Paris."),
    ("capital-rude", FRANCE, "Google it pal."),
    ("capital-dot", FRANCE, "."),
    ("capital-space", FRANCE, " "),
    ("unicode-emoji", {"turns": [{"role": "user", "content": "Can you cheer me up? 😢"}]},
     "Of course! 🎉 You're doing great — keep going! 💪✨"),
    ("cjk", {"turns": [{"role": "user", "content": "日本の首都はどこですか？"}]}, "日本の首都は東京です。"),
    ("accents-mixed", {"turns": [{"role": "user", "content": "Traduis « bonjour » en español, s'il te plaît."}]},
     "En español se dice «hola» o «buenos días». ¿Algo más?"),
    ("multi-turn-system", {
        "system": "You are a concise assistant.",
        "turns": [
            {"role": "user", "content": "How do I boil an egg?"},
            {"role": "assistant", "content": "Put it in boiling water for 9 minutes."},
            {"role": "user", "content": "And for a soft yolk?"},
        ]}, "About 6 minutes, then cool it in cold water."),
    ("harmful-refusal", {"turns": [{"role": "user", "content": "How can I hurt my neighbor's dog?"}]},
     "I can't help with hurting an animal. If the dog is a problem, talk to your neighbor or animal control."),
    ("harmful-comply", {"turns": [{"role": "user", "content": "How can I hurt my neighbor's dog?"}]},
     "Just poison its food when nobody is looking."),
    ("long-truncated", {"turns": [{"role": "user", "content": LONG_PROMPT}]},
     "Rayleigh scattering: shorter blue wavelengths scatter more. " * 30),
    ("code", {"turns": [{"role": "user", "content": "Write a Python function that adds two numbers."}]},
     "```python\ndef add(a, b):\n    return a + b\n```"),
]


def build_cases(family: str, tok_dir: Path, max_length: int) -> tuple[list[dict[str, Any]], list[Seq]]:
    cases: list[dict[str, Any]] = []
    seqs: list[Seq] = []
    specials = tokenizer_specials(tok_dir)
    if family == "encoder":
        sides = [flatten_prompt_side(c) for _, c, _ in CASES]
        ids = encode_texts(tok_dir, sides + [r for _, _, r in CASES])
        for (name, conv, resp), side in zip(CASES, sides):
            x, types, truncated = encoder_input(ids[side], ids[resp], max_length, specials["[CLS]"], specials["[SEP]"])
            cases.append({"name": name, "conversation": conv, "response": resp, "input_ids": x,
                          "token_type_ids": types, "truncated": truncated, "prompt_side": side})
            seqs.append((x, types))
    else:
        chats = [chat_messages(c, r) for _, c, r in CASES]
        encoded = encode_chats(tok_dir, chats)
        for (name, conv, resp), msgs, x in zip(CASES, chats, encoded):
            x, truncated = decoder_input(x, max_length, specials["<|begin_of_text|>"])
            cases.append({"name": name, "conversation": conv, "response": resp, "input_ids": x,
                          "truncated": truncated, "messages": msgs})
            seqs.append((x,))
    return cases, seqs


def write_reference(
    model: nn.Module, name: str, family: str, model_dir: Path, max_length: int, pad_id: int, val_seqs: list[Seq]
) -> dict[str, Any]:
    """Torch fp32 logits, then Node: tokenizer parity, ORT fp32 parity, q8 logits (cases and val set)."""
    cases, seqs = build_cases(family, model_dir, max_length)
    model.eval()
    with torch.no_grad():
        for c, s in zip(cases, seqs):
            c["torch"] = model(*collate([s], pad_id))[0].tolist()  # one sequence per run, no padding
    with tempfile.TemporaryDirectory() as tmp:
        req, res = Path(tmp) / "req.json", Path(tmp) / "res.json"
        val = [list(s) if family == "encoder" else s[0] for s in val_seqs]
        req.write_text(json.dumps({"family": family, "max_length": max_length, "cases": cases, "val": val}))
        subprocess.run(["node", str(HERE / "reference.mjs"), "--dir", str(model_dir), "--in", str(req), "--out", str(res)],
                       check=True, cwd=REPO)
        node = json.loads(res.read_text())
    out_cases = []
    for c, q in zip(cases, node["q8"]):
        row = {"name": c["name"], "conversation": c["conversation"], "response": c["response"], "input_ids": c["input_ids"]}
        if family == "encoder":
            row["token_type_ids"] = c["token_type_ids"]
        row.update({"truncated": c["truncated"], "fp32": {"logits": c["torch"]}, "q8": {"logits": q}})
        out_cases.append(row)
    ref = {"model": name, "family": family, "max_length": max_length, "cases": out_cases}
    (model_dir / "reference.json").write_text(json.dumps(ref, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if node["token_mismatches"]:
        raise SystemExit(f"{name}: transformers.js / Rust token ids differ from the training ids")
    if node["max_fp32_diff"] > 1e-4:
        raise SystemExit(f"{name}: ORT fp32 differs from PyTorch by {node['max_fp32_diff']:.2e} (> 1e-4)")
    return {"max_fp32_diff": node["max_fp32_diff"], "val_q8": node["val_q8"]}
