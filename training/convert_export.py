"""The heavy half of `reward-playground convert` (see convert.py): load the checkpoint with transformers, export it
with torch.onnx through the model class, build the quantized and fp16 files with onnxruntime's tools
(onnx_build.py), check every file against PyTorch on the fixed cases, and write the folder.
"""

from __future__ import annotations

import gc
import json
import logging
import shutil
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch

from cases import CASES
from convert_checks import Refused, log
from convert_out import finish, work_folder
from data import Conversation, flatten_prompt_side, plan_pair_truncation, truncate_decoder_ids
from onnx_build import FILES, convert_fp16, export_fp32, graph_inputs, quantize_q4, quantize_q8

# Longest input a converted decoder takes by default (its max_position_embeddings can be 40,960 or more: far past
# what a browser tab holds in attention activations). The engine's --max-length / model form can raise it.
DECODER_MAX_LENGTH = 4096
# |onnx − torch| / max(1, largest |torch logit| over the cases): the score scale, not each logit's own size.
TOLERANCES = {"fp32": 1e-4, "fp16": 2e-2, "q8": 5e-2, "q4": 2e-1}
# HelpSteer's five attributes and their usual weights (src/core/scoring.ts has the same preset).
HELPSTEER = {"helpfulness": 0.3, "correctness": 0.74, "coherence": 0.46, "complexity": 0.47, "verbosity": -0.33}
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json")

# ---------------------------------------------------------------------------------------------------- inputs


@dataclass
class Case:
    name: str
    conversation: Conversation
    response: str
    input_ids: list[int]
    token_type_ids: list[int] | None
    truncated: bool


def messages_of(conversation: Conversation, response: str) -> list[dict[str, str]]:
    """As the engine's toChatMessages: system, turns, then the response as the assistant turn."""
    msgs = [{"role": "system", "content": conversation["system"]}] if conversation.get("system") else []
    msgs += [{"role": t["role"], "content": t["content"]} for t in conversation["turns"]]
    return [*msgs, {"role": "assistant", "content": response}]


def run_of(haystack: list[int], needle: list[int], start: int) -> int:
    for i in range(start, len(haystack) - len(needle) + 1):
        if haystack[i : i + len(needle)] == needle:
            return i
    return -1


class EngineInputs:
    """The engine's inputs (src/engine/local/encoder.ts and decoder.ts), built with the Python tokenizer."""

    def __init__(self, tokenizer: Any, family: str, max_length: int, bos_id: int | None, types: bool) -> None:
        self.tok = tokenizer
        self.family = family
        self.max_length = max_length
        self.bos_id = bos_id
        self.types = types
        if family == "encoder":
            # The special tokens around a pair, read off the tokenizer as the engine does (readPairLayout).
            a = tokenizer("a", add_special_tokens=False)["input_ids"]
            b = tokenizer("b", add_special_tokens=False)["input_ids"]
            both = tokenizer("a", "b")
            ids = both["input_ids"]
            i = run_of(ids, a, 0)
            j = run_of(ids, b, i + len(a))
            if i < 0 or j < 0:
                raise Refused("this tokenizer does not encode text pairs; it cannot serve a cross-encoder")
            self.prefix, self.middle, self.suffix = ids[:i], ids[i + len(a) : j], ids[j + len(b) :]
            tt = both.get("token_type_ids")
            self.second_type = tt[j] if tt else 0

    def build(self, name: str, conversation: Conversation, response: str) -> Case:
        if self.family == "encoder":
            p = self.tok(flatten_prompt_side(conversation), add_special_tokens=False)["input_ids"]
            r = self.tok(response, add_special_tokens=False)["input_ids"]
            specials = len(self.prefix) + len(self.middle) + len(self.suffix)
            keep_p, keep_r, truncated = plan_pair_truncation(len(p), len(r), self.max_length - specials)
            first = [*self.prefix, *p[len(p) - keep_p :], *self.middle]
            second = [*r[:keep_r], *self.suffix]
            types = [0] * len(first) + [self.second_type] * len(second)
            return Case(name, conversation, response, first + second, types if self.types else None, truncated)
        text = self.tok.apply_chat_template(messages_of(conversation, response), tokenize=False)
        ids = self.tok(text)["input_ids"]
        if self.bos_id is not None and len(ids) > 1 and ids[0] == self.bos_id and ids[1] == self.bos_id:
            ids = ids[1:]
        ids, truncated = truncate_decoder_ids(ids, self.max_length, self.bos_id)
        return Case(name, conversation, response, ids, None, truncated)


# ---------------------------------------------------------------------------------------------------- export


def collate(cases: list[Case], pad_id: int, names: list[str]) -> dict[str, np.ndarray]:
    width = max(len(c.input_ids) for c in cases)
    ids = np.full((len(cases), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(cases), width), dtype=np.int64)
    types = np.zeros((len(cases), width), dtype=np.int64)
    for i, c in enumerate(cases):
        n = len(c.input_ids)
        ids[i, :n] = c.input_ids
        mask[i, :n] = 1
        if c.token_type_ids is not None:
            types[i, :n] = c.token_type_ids
    positions = np.tile(np.arange(width, dtype=np.int64), (len(cases), 1))
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types, "position_ids": positions}
    return {k: v for k, v in feeds.items() if k in names}


# Cases up to this many tokens run as one right-padded batch; a longer one runs alone. Padding every case to a
# 4096-token one made a 0.6B decoder's attention alone take ~13 GB (batch 12 × 16 heads × 4096²).
PARITY_BATCH_TOKENS = 512


def run_padded(sess: ort.InferenceSession, cases: list[Any], pad_id: int, names: list[str]) -> list[list[float]]:
    out: dict[int, list[float]] = {}
    short = [i for i, c in enumerate(cases) if len(c.input_ids) <= PARITY_BATCH_TOKENS]
    if short:
        rows = sess.run(["logits"], collate([cases[i] for i in short], pad_id, names))[0].astype(np.float64)
        out.update({i: rows[k].tolist() for k, i in enumerate(short)})
    for i, c in enumerate(cases):
        if i not in out:
            out[i] = sess.run(["logits"], collate([c], pad_id, names))[0][0].astype(np.float64).tolist()
    return [out[i] for i in range(len(cases))]


def session(path: Path) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    # 'basic' as the engine runs quantized files (docs/architecture.md, 'Quantization').
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


# ---------------------------------------------------------------------------------------------------- outputs


def default_weights(labels: list[str]) -> tuple[dict[str, float], str | None]:
    if len(labels) == 1:
        return {labels[0]: 1.0}, None
    if sorted(labels) == sorted(HELPSTEER):
        return dict(HELPSTEER), "HelpSteer attributes: the usual HelpSteer weights"
    return {labels[0]: 1.0}, f"{len(labels)} outputs: weight 1 on {labels[0]!r} until you set weights"


def labels_of(config: Any) -> list[str]:
    n = int(config.num_labels)
    id2label = {int(k): v for k, v in (config.id2label or {}).items()}
    labels = [str(id2label.get(i, f"LABEL_{i}")) for i in range(n)]
    return ["reward"] if n == 1 and labels[0] == "LABEL_0" else labels


def card_text(name: str, source: str, family: str, meta: dict[str, Any], parity: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {d} | `onnx/{v['file']}`{' + `_data`' if v['external_data'] else ''} | {v['bytes'] / 1e6:.1f} MB | "
        f"{v['max_rel_diff']:.2e} | {v['tolerance']:g} | {'yes' if v['within_tolerance'] else '**no**'} |"
        for d, v in parity["dtypes"].items()
    )
    return f"""---
library_name: transformers.js
tags: [reward-model, onnx, reward-playground]
---

# {name} (ONNX, converted)

Converted from `{source}` by `reward-playground convert` for the reward playground and transformers.js.
This card is a stub: the original model's card says what it was trained on, its licence and its limits.

- family: {family} (`{meta["architecture"]}`, model_type `{meta["model_type"]}`)
- outputs: {", ".join(meta["labels"])}; default weights {json.dumps(meta["default_weights"])}
- maximum length: {meta["max_length"]} tokens; graph inputs: {", ".join(meta["inputs"])}

## Parity with PyTorch

{len(parity["cases"])} fixed inputs, built as the engine builds them, scored by PyTorch (fp32) and by each ONNX file in
onnxruntime (CPU). Difference: {parity["metric"]}

| dtype | file | size | max difference | tolerance | within |
|---|---|---|---|---|---|
{rows}

Details per input: `parity.json`.
{random_section(meta["random_weights"])}"""


def random_section(random: dict[str, Any] | None) -> str:
    if not random:
        return ""
    listed = "\n".join(f"- `{k}`" for k in random["random"]) or "- none"
    unused = "\n".join(f"- `{k}`" for k in random["unused"]) or "- none"
    return f"""
## Randomly initialised weights

**Converted with `--allow-missing`: these tensors were not in the checkpoint's weights (or had another shape), so
transformers filled them with random numbers, and the scores depend on them.** Parity with PyTorch above compares
the export with the same random values; it says nothing about the original model.

{listed}

In the weights but not used by the model:

{unused}
"""


def export_checkpoint(
    source: str,
    folder: Path,
    kind: str,
    raw: dict[str, Any],
    family: str,
    out: Path,
    dtypes: list[str],
    external_over: int,
    *,
    overwrite: bool = False,
    allow_missing: bool = False,
    position_ids: bool = False,
    fp16_io: bool = False,
) -> dict[str, Any]:
    """Converts a checked checkpoint into `out` (checked by convert_out.check_out); returns the parity report."""
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    # Our own messages say what matters: the loading report's table (checked below) and the tokenizer's "longer than
    # the specified maximum sequence length" (the cases are cut as the engine cuts them) would read as failures.
    hf_logging.set_verbosity_error()
    # The quantizers' expected chatter (a suggestion to pre-process, the move to opset 21 for int4 tables).
    for name in ("", "onnxruntime.quantization", "onnxruntime.quantization.matmul_nbits_quantizer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    t0 = time.time()

    config = AutoConfig.from_pretrained(folder)
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder)
    except Exception as e:  # noqa: BLE001
        raise Refused(f"cannot load the tokenizer of {folder.name}: {e}") from None
    if not getattr(tokenizer, "is_fast", False) and not hasattr(tokenizer, "backend_tokenizer"):
        raise Refused(f"{folder.name}: the tokenizer has no tokenizer.json form, which transformers.js needs")
    notes: list[str] = []
    if family == "decoder":
        if not tokenizer.chat_template:
            raise Refused(f"{folder.name} has no chat template; a decoder reward model is scored on templated chats")
        if config.pad_token_id is None and tokenizer.pad_token_id is not None:
            # The head reads the logits at each row's last non-pad token: without a pad id, batches are impossible.
            config.pad_token_id = tokenizer.pad_token_id
            notes.append(f"pad_token_id {tokenizer.pad_token_id} taken from the tokenizer (config.json had none)")
    model, loading = AutoModelForSequenceClassification.from_pretrained(
        folder, config=config, attn_implementation="eager", dtype=torch.float32, output_loading_info=True
    )
    model.eval()
    random = loading_problems(folder.name, loading, allow_missing)
    if random:
        notes.append(random["note"])

    labels = labels_of(model.config)
    weights, weight_note = default_weights(labels)
    if weight_note:
        notes.append(weight_note)
    max_pos = getattr(model.config, "max_position_embeddings", None)
    if family == "encoder":
        max_length = (
            (max_pos - (2 if raw["model_type"] in {"roberta", "xlm-roberta", "camembert", "mpnet"} else 0))
            if max_pos
            else 512
        )
    else:
        max_length = min(max_pos or DECODER_MAX_LENGTH, DECODER_MAX_LENGTH)
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < max_length:
        max_length = tok_max
    names = graph_inputs(model, family, position_ids)
    bos = model.config.bos_token_id if family == "decoder" else None
    if bos is None and family == "decoder":
        bos = tokenizer.bos_token_id
    inputs = EngineInputs(tokenizer, family, max_length, bos, "token_type_ids" in names)
    cases: list[Case] = []
    skipped: list[dict[str, str]] = []
    for name, conv, resp in CASES:
        try:
            cases.append(inputs.build(name, conv, resp))
        except Exception as e:  # noqa: BLE001 - a template that refuses an input (Gemma: no system role)
            skipped.append({"name": name, "reason": f"{type(e).__name__}: {e}"})
    if not cases:
        raise Refused(f"{folder.name}: none of the fixed inputs could be built ({skipped[0]['reason']})")

    pad_id = model.config.pad_token_id if family == "decoder" else tokenizer.pad_token_id
    batchable = pad_id is not None
    if not batchable:
        notes.append("no pad_token_id: the head reads each row's last token, so the engine scores one input at a time")
    pad_id = pad_id if pad_id is not None else 0

    # Write everything into a fresh folder beside --out, then move it into place.
    work = work_folder(out)
    try:
        tokenizer.model_max_length = max_length
        tokenizer.save_pretrained(work)
        for f in TOKENIZER_FILES:
            if not (work / f).exists():
                raise Refused(f"the tokenizer did not write {f} (transformers.js needs it)")
        onnx_dir = work / "onnx"
        onnx_dir.mkdir()
        # Export with two rows of different lengths (right padding) when the model can batch, so nothing is
        # specialised to one batch or one length.
        dummy_cases = sorted(cases, key=lambda c: len(c.input_ids))[:2] if batchable else cases[:1]
        dummy = collate(dummy_cases, pad_id, names)
        log(f"exporting fp32 (inputs: {', '.join(names)})")
        paths = {"fp32": onnx_dir / FILES["fp32"]}
        external = {"fp32": export_fp32(model, family, names, dummy, paths["fp32"], external_over)}
        for d in dtypes:
            if d == "fp32":
                continue
            paths[d] = onnx_dir / FILES[d]
            log(f"building {d}")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # all-zero blocks (padding rows): scale 0, quantized as 0
                if d == "fp16":
                    convert_fp16(paths["fp32"], paths[d], external_over, keep_io_types=not fp16_io)
                else:
                    {"q8": quantize_q8, "q4": quantize_q4}[d](paths["fp32"], paths[d], external_over)
            external[d] = paths[d].with_name(paths[d].name + "_data").exists()

        gc.collect()  # the quantizers' copies of the graph
        # Parity: PyTorch one input at a time (no padding) against each file on the padded batch (or one by one).
        log(f"parity on {len(cases)} fixed inputs")
        with torch.no_grad():
            torch_logits = [
                model(**{k: torch.from_numpy(v) for k, v in collate([c], pad_id, names).items()}).logits[0].tolist()
                for c in cases
            ]
        scale = max(1.0, max(abs(x) for row in torch_logits for x in row))
        report_dtypes: dict[str, Any] = {}
        onnx_logits: dict[str, list[list[float]]] = {}
        for d in ["fp32", *[x for x in dtypes if x != "fp32"]]:
            sess = session(paths[d])
            if batchable:
                got = run_padded(sess, cases, pad_id, names)
            else:
                got = [
                    sess.run(["logits"], collate([c], pad_id, names))[0][0].astype(np.float64).tolist() for c in cases
                ]
            onnx_logits[d] = got
            # One session at a time: a 0.6B model's fp32 session alone holds several GB (bench/real-scale.bench.ts).
            del sess
            gc.collect()
            diff = max(abs(a - b) for g, t in zip(got, torch_logits, strict=True) for a, b in zip(g, t, strict=True))
            size = paths[d].stat().st_size + (
                paths[d].with_name(paths[d].name + "_data").stat().st_size if external[d] else 0
            )
            report_dtypes[d] = {
                "file": FILES[d],
                "bytes": size,
                "external_data": external[d],
                "max_abs_diff": diff,
                "max_rel_diff": diff / scale,
                "tolerance": TOLERANCES[d],
                "within_tolerance": diff / scale <= TOLERANCES[d],
                "same_ranking": same_ranking([t[0] for t in torch_logits], [g[0] for g in got]),
            }
        if "fp32" not in dtypes:
            paths["fp32"].unlink()
            report_dtypes.pop("fp32")
            onnx_logits.pop("fp32")

        meta = {
            "random_weights": random,
            "architecture": raw["architectures"][0],
            "model_type": raw["model_type"],
            "labels": labels,
            "default_weights": weights,
            "max_length": max_length,
            "inputs": names,
        }
        parity = {
            "source": source,
            "family": family,
            "max_length": max_length,
            "inputs": names,
            "batched": batchable,
            "metric": "max |onnxruntime − PyTorch| over all inputs and outputs, divided by max(1, largest |PyTorch "
            "logit|). PyTorch runs each input alone; onnxruntime runs them "
            + (
                f"as one right-padded batch (an input over {PARITY_BATCH_TOKENS} tokens alone)."
                if batchable
                else "one at a time (the model has no padding id)."
            ),
            "tolerances": {d: TOLERANCES[d] for d in report_dtypes},
            "dtypes": report_dtypes,
            "cases": [
                {
                    "name": c.name,
                    "conversation": c.conversation,
                    "response": c.response,
                    "input_ids": c.input_ids,
                    **({"token_type_ids": c.token_type_ids} if c.token_type_ids is not None else {}),
                    "truncated": c.truncated,
                    "torch": torch_logits[i],
                    "onnx": {d: onnx_logits[d][i] for d in onnx_logits},
                }
                for i, c in enumerate(cases)
            ],
            "skipped": skipped,
            "notes": notes,
        }
        write_json(work / "parity.json", parity)
        write_json(work / "config.json", config_json(model, raw, family, meta, weights, source, kind, external))
        (work / "README.md").write_text(card_text(out.name, source, family, meta, parity), encoding="utf-8")

        print_report(parity, notes)
        if not report_dtypes.get("fp32", {"within_tolerance": True})["within_tolerance"]:
            raise RuntimeError(
                f"onnxruntime fp32 differs from PyTorch by {report_dtypes['fp32']['max_rel_diff']:.2e} "
                f"(tolerance {TOLERANCES['fp32']}): the export is not the model; nothing was written to {out}"
            )
        finish(work, out, overwrite, {"source": source, "kind": kind})
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {out} in {time.time() - t0:.0f} s")
    return parity


def loading_problems(name: str, loading: dict[str, Any], allow_missing: bool) -> dict[str, Any] | None:
    """Refused when transformers' loading report has tensors the weights lacked (initialised at random) or held
    without use; with `allow_missing`, which they were (`random`, `unused`) and a note saying so."""
    missing = sorted(loading.get("missing_keys") or [])
    unused = sorted(loading.get("unexpected_keys") or [])
    mismatched = sorted(
        str(m[0]) if isinstance(m, tuple | list) else str(m) for m in loading.get("mismatched_keys") or []
    )
    parts = []
    if missing:
        parts.append(f"{len(missing)} missing from the weights, so randomly initialised: {_names(missing)}")
    if mismatched:
        parts.append(
            f"{len(mismatched)} of another shape in the weights, so randomly initialised: {_names(mismatched)}"
        )
    if unused:
        parts.append(f"{len(unused)} in the weights but not in the model, so unused: {_names(unused)}")
    if not parts:
        return None
    if not allow_missing:
        raise Refused(
            f"{name}: the weights do not match the model ({'; '.join(parts)}). Its scores would be partly random "
            "numbers, so it is not converted; --allow-missing converts it anyway and says so in the card."
        )
    return {
        "random": missing + mismatched,
        "unused": unused,
        "note": "weights that do not match the model (--allow-missing): " + "; ".join(parts),
    }


def _names(keys: list[str]) -> str:
    return ", ".join(keys[:12]) + (f" and {len(keys) - 12} more" if len(keys) > 12 else "")


def same_ranking(a: list[float], b: list[float]) -> float:
    """Share of input pairs that the two score lists order the same way (1.0 = the same ranking)."""
    pairs = [(i, j) for i in range(len(a)) for j in range(i + 1, len(a))]
    if not pairs:
        return 1.0
    return sum((a[i] > a[j]) == (b[i] > b[j]) for i, j in pairs) / len(pairs)


def config_json(
    model: Any,
    raw: dict[str, Any],
    family: str,
    meta: dict[str, Any],
    weights: dict[str, float],
    source: str,
    kind: str,
    external: dict[str, bool],
) -> dict[str, Any]:
    cfg = model.config.to_dict()
    cfg.pop("_name_or_path", None)
    cfg["architectures"] = [raw["architectures"][0]]
    cfg["reward_playground"] = {
        "family": family,
        "alpha": 1.0,
        "default_weights": weights,
        "max_length": meta["max_length"],
        # Every quantized file here is weight-only (onnx_build.py): the engine may batch them.
        "weight_only_quantization": True,
        "converted_from": {"source": source, "kind": kind},
    }
    big = {FILES[d]: 1 for d, e in external.items() if e}
    if big:
        # transformers.js's own key: which files keep their weights in `<file>_data` (one chunk each).
        cfg["transformers.js_config"] = {"use_external_data_format": big}
    return cfg


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def print_report(parity: dict[str, Any], notes: list[str]) -> None:
    log(f"parity with PyTorch ({parity['metric']})")
    for d, v in parity["dtypes"].items():
        flag = "ok" if v["within_tolerance"] else "OVER TOLERANCE"
        log(
            f"  {d:5} {v['max_rel_diff']:.2e} (tolerance {v['tolerance']:g}) {flag}; same ranking "
            f"{v['same_ranking']:.3f}; {v['bytes'] / 1e6:.1f} MB{' (external data)' if v['external_data'] else ''}"
        )
    for s in parity["skipped"]:
        log(f"  skipped input {s['name']}: {s['reason']}")
    for n in notes:
        log(f"  note: {n}")
