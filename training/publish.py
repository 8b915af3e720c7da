"""Everything after training: config, tokenizer, ONNX files, reference.json, agreement, metrics and the card.

The full set of ONNX files (fp32, q8, q4, fp16) is built into <work>/build/<name>; the shipped folder gets the
files named in `ship` (public/models carries q8 only, to stay within the size budget).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch
from scipy.stats import kendalltau
from transformers import BertForSequenceClassification, PreTrainedTokenizerBase

from card import write_card
from cases import CASES
from check_eval import ort_scores, score_check_sets, score_first_screen
from data import Dataset
from fit import PairExample, collate, pair_metrics
from hf_inputs import EncoderInputs
from onnx_build import FILES, build_all, graph_inputs
from pretrained import Located

HERE = Path(__file__).resolve().parent
# Replaying reference.json in another onnxruntime build (node, web) must land within these of the stored logits.
TOLERANCES = {"fp32": 1e-4, "q8": 1e-3, "q4": 1e-3, "fp16": 1e-2}


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def check_tokens(folder: Path) -> None:
    """reference.mjs (Node): transformers.js must build every reference case's ids exactly as Python did."""
    subprocess.run(["node", "--import", "tsx", str(HERE / "reference.mjs"), str(folder)], check=True, cwd=HERE.parent)


def session(path: Path) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    # 'basic' as in the engine's parity tests: the fused kernels of higher levels round differently.
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def trace_inputs(inputs: EncoderInputs, pad_id: int, names: list[str]) -> dict[str, np.ndarray]:
    """What the export traces on: the shortest and the longest reference case, right-padded, so nothing is
    specialised to one batch size or length."""
    built = sorted((inputs.pair(conv, resp)[0] for _, conv, resp in CASES), key=lambda seq: len(seq[0]))
    return {k: v.numpy() for k, v in collate([built[0], built[-1]], pad_id).items() if k in names}


def reference_cases(
    model: torch.nn.Module, sessions: dict[str, ort.InferenceSession], inputs: EncoderInputs, pad_id: int, label: str
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """reference.json's cases: PyTorch fp32 one sequence at a time (no padding), then every onnxruntime file;
    onnxruntime fp32 must match PyTorch. Also returns each file's largest difference from PyTorch."""
    cases: list[dict[str, Any]] = []
    diffs = dict.fromkeys(sessions, 0.0)
    for case_name, conv, resp in CASES:
        (ids, types), truncated = inputs.pair(conv, resp)
        feeds = collate([(ids, types)], pad_id)
        with torch.no_grad():
            fp32 = model(**feeds).logits[0].tolist()
        row: dict[str, Any] = {
            "name": case_name,
            "conversation": conv,
            "response": resp,
            "input_ids": ids,
            "token_type_ids": types,
            "truncated": truncated,
            "fp32": {"logits": fp32},
        }
        np_feeds = {k: v.numpy() for k, v in feeds.items()}
        for dtype, sess in sessions.items():
            got = sess.run(["logits"], np_feeds)[0][0].tolist()
            diff = max(abs(a - b) for a, b in zip(got, fp32, strict=False))
            diffs[dtype] = max(diffs[dtype], diff)
            if dtype == "fp32":
                if diff > TOLERANCES["fp32"]:
                    raise SystemExit(f"{label}: onnxruntime fp32 differs from PyTorch by {diff:.2e} on {case_name}")
            else:
                row[dtype] = {"logits": got}
        cases.append(row)
    return cases, diffs


def config_dict(model: BertForSequenceClassification, located: Located, noncommercial: bool) -> dict[str, Any]:
    # The engine's length limit comes from the tokenizer's model_max_length (set in publish), not from here.
    cfg = model.config.to_dict()
    cfg.pop("_name_or_path", None)
    cfg["architectures"] = ["BertForSequenceClassification"]
    cfg["reward_playground"] = {
        "alpha": 1.0,
        "default_weights": {"reward": 1},
        "base_model": located.provenance(),
    }
    if noncommercial:
        cfg["reward_playground"]["noncommercial"] = True
        cfg["license"] = "cc-by-nc-4.0"
    return cfg


def publish(
    name: str,
    model: BertForSequenceClassification,
    tokenizer: PreTrainedTokenizerBase,
    located: Located,
    settings: dict[str, Any],
    ds: Dataset,
    val_ex: list[PairExample],
    metrics: dict[str, Any],
    val_logits: torch.Tensor,
    history: list[dict[str, Any]],
    *,
    out: Path,
    work: Path,
    noncommercial: bool,
    smoke: bool,
    log: Callable[[str], None],
) -> None:
    max_length = settings["max_length"]
    build = work / "build" / name
    if build.exists():
        shutil.rmtree(build)
    build.mkdir(parents=True)
    # Export from the eager attention path: one plain graph that every onnxruntime build runs.
    hf = BertForSequenceClassification.from_pretrained(work / "hf", attn_implementation="eager").eval()

    tokenizer.model_max_length = max_length
    tokenizer.save_pretrained(build)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        if not (build / f).exists():
            raise SystemExit(f"{name}: the tokenizer did not write {f} (transformers.js needs it)")
    write_json(build / "config.json", config_dict(hf, located, noncommercial))
    log("exporting ONNX (fp32) and quantizing (q8, q4, fp16)")
    # The converter's export (onnx_build.export_fp32): the graph inputs the engine feeds, traced on two reference
    # inputs of different lengths, right-padded, so nothing is specialised to one batch size or length.
    names = graph_inputs(hf, "encoder")
    inputs = EncoderInputs(tokenizer, max_length)
    dummy = trace_inputs(inputs, tokenizer.pad_token_id, names)
    paths = build_all(hf, "encoder", names, dummy, build / "onnx")
    sessions = {k: session(p) for k, p in paths.items()}
    cases, _ = reference_cases(hf, sessions, inputs, tokenizer.pad_token_id, name)
    reference = {"model": name, "family": "encoder", "max_length": max_length, "tolerances": TOLERANCES, "cases": cases}
    write_json(build / "reference.json", reference)
    check_tokens(build)

    # Agreement of each file with PyTorch fp32 on the validation pairs (Kendall τ over all 2n scores).
    log("scoring the validation pairs with every ONNX file")
    seqs = [p.chosen for p in val_ex] + [p.rejected for p in val_ex]
    n = len(val_ex)
    torch_scores = val_logits[:, 0].numpy().astype(np.float64)
    dtypes: dict[str, Any] = {}
    for dtype, sess in sessions.items():
        s = ort_scores(sess, seqs, tokenizer.pad_token_id)
        m = pair_metrics(torch.tensor(s[:n]), torch.tensor(s[n:]), val_ex)
        tau = kendalltau(torch_scores, s).statistic
        same = float(np.mean((s[:n] > s[n:]) == (torch_scores[:n] > torch_scores[n:])))
        dtypes[dtype] = {
            "file": f"onnx/{FILES[dtype]}",
            "bytes": paths[dtype].stat().st_size,
            "kendall_tau_vs_torch_fp32": float(tau),
            "decision_agreement": same,
            "accuracy": m["accuracy"],
            "length_controlled": m["length_controlled"],
            "max_abs_diff": float(np.max(np.abs(s - torch_scores))),
        }
        log(
            f"  {dtype}: τ {tau:.4f}, same decision {same:.4f}, acc {m['accuracy']:.4f}, "
            f"{paths[dtype].stat().st_size / 1e6:.1f} MB"
        )

    france = {}
    by_name = {c["name"]: c for c in cases}
    for dtype in ["fp32", *[d for d in FILES if d != "fp32"]]:
        d = by_name["capital-good"][dtype]["logits"][0] - by_name["capital-rude"][dtype]["logits"][0]
        france[dtype] = {"logit_difference": d, "win_probability": 1 / (1 + math.exp(-d))}
    # The shipped dtype on the app's own check sets and first screen (public/models ships q8).
    shipped = sessions["q8"]
    check_sets = score_check_sets(shipped, inputs, tokenizer.pad_token_id)
    first_screen = score_first_screen(shipped, inputs, tokenizer.pad_token_id)
    for set_name, cm in check_sets.items():
        log(
            f"  check set {set_name} (q8): " + " ".join(f"{k}={v['accuracy']:.3f}" for k, v in cm["per_source"].items())
        )
    log(f"  first screen (q8): σ(Δ) of the right answer over {first_screen['win_probability']}")
    result = {
        "model": name,
        "check_sets": check_sets,
        "first_screen": first_screen,
        "base_model": located.provenance(),
        "settings": settings,
        "data": ds.stats,
        "validation": metrics,
        "history": history,
        "dtypes": dtypes,
        "france_example": france,
        "smoke": smoke,
    }
    write_json(build / "metrics.json", result)
    write_card(build / "README.md", name, result, noncommercial)

    # The shipped folder: everything but the ONNX files that stay in the build.
    ship = list(FILES) if smoke else ["q8"]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(build, out, ignore=shutil.ignore_patterns("onnx"))
    (out / "onnx").mkdir()
    for dtype in ship:
        shutil.copy2(paths[dtype], out / "onnx" / FILES[dtype])
    log(f"wrote {out} (onnx: {', '.join(FILES[d] for d in ship)}); all ONNX files are in {build / 'onnx'}")
