"""The shipped check sets and the first screen, scored with one ONNX file at publish time.

The same files the app's "Check this model" and `eval` read (public/check-set/*.jsonl), scored per subset beside
"longer answer wins", and the first screen's France example against a rude non-answer, a generic refusal and an
empty answer. Both are tests: held_out.py keeps their texts out of training.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch

from data import Pair, normalize_prompt, row_conversation
from fit import PairExample, collate, length_sorted_batches, pair_metrics
from hf_inputs import EncoderInputs, Seq

REPO = Path(__file__).resolve().parent.parent
CHECK_DIR = REPO / "public" / "check-set"
# Reported apart: right vs wrong facts need knowledge, not form.
KNOWLEDGE_SUBSETS = {"facts"}


def ort_scores(sess: ort.InferenceSession, seqs: list[Seq], pad_id: int, batch: int = 32) -> np.ndarray:
    out = np.zeros(len(seqs), dtype=np.float64)
    for idx in length_sorted_batches(seqs, batch):
        feeds = {k: v.numpy() for k, v in collate([seqs[j] for j in idx], pad_id).items()}
        out[idx] = sess.run(["logits"], feeds)[0][:, 0]
    return out


def read_check_set(path: Path) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            pairs.append(
                Pair(row_conversation(r), r["chosen"], r["rejected"], r["subset"], normalize_prompt(r["prompt"]))
            )
    return pairs


def score_check_sets(sess: ort.InferenceSession, inputs: EncoderInputs, pad_id: int) -> dict[str, Any]:
    """Per check-set file: accuracy per subset beside longer-wins, and (obvious cases) the mean over form subsets."""
    out: dict[str, Any] = {}
    for path in sorted(CHECK_DIR.glob("*.jsonl")):
        pairs = read_check_set(path)
        ex = [
            PairExample(
                inputs.pair(p.conversation, p.chosen)[0],
                inputs.pair(p.conversation, p.rejected)[0],
                p.source,
                len(p.chosen) > len(p.rejected),
            )
            for p in pairs
        ]
        s = ort_scores(sess, [e.chosen for e in ex] + [e.rejected for e in ex], pad_id)
        m = pair_metrics(torch.tensor(s[: len(ex)]), torch.tensor(s[len(ex) :]), ex)
        form = {k: v for k, v in m["per_source"].items() if k not in KNOWLEDGE_SUBSETS}
        if form and len(form) < len(m["per_source"]):
            m["form_min_accuracy"] = min(v["accuracy"] for v in form.values())
            m["form_accuracy"] = sum(v["accuracy"] * v["n"] for v in form.values()) / sum(v["n"] for v in form.values())
        out[path.stem] = m
    return out


def first_screen_example() -> tuple[str, str]:
    """The app's opening example (src/ui/store/examples.ts): its prompt and first (right) answer."""
    text = (REPO / "src" / "ui" / "store" / "examples.ts").read_text(encoding="utf-8")
    prompt = re.search(r"content: '([^']+)'", text)
    answer = re.search(r"responses: \[\s*'([^']+)'", text)
    if not prompt or not answer:
        raise SystemExit("check_eval: could not read the first example from src/ui/store/examples.ts")
    return prompt.group(1), answer.group(1)


def score_first_screen(sess: ort.InferenceSession, inputs: EncoderInputs, pad_id: int) -> dict[str, Any]:
    """σ(Δ) of the first screen's right answer over a rude non-answer, a generic refusal and an empty answer."""
    prompt, right = first_screen_example()
    conv = {"turns": [{"role": "user", "content": prompt}]}
    others = {
        "rude": "Google it pal.",
        "refusal": "I'm sorry, but I can't help with that request.",
        "empty": "",
    }
    texts = [right, *others.values()]
    s = ort_scores(sess, [inputs.pair(conv, t)[0] for t in texts], pad_id)
    return {
        "prompt": prompt,
        "right_answer": right,
        "scores": dict(zip(["right", *others], s.tolist(), strict=True)),
        "win_probability": {k: 1 / (1 + math.exp(-(s[0] - s[i + 1]))) for i, k in enumerate(others)},
    }
