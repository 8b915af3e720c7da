"""Re-scores a published model folder on the app's check sets and first screen, and rewrites its card (a form-head
model's with form_card.py).

The shipped `metrics.json` keeps its training and validation figures; `check_sets` and `first_screen` are measured
again with the folder's own q8 file (check_eval.py), so the card shows how the model does on the suites the app
ships today. Settings tried since (card.SETTINGS_TRIED) go into the card too.

    node training/python.mjs recard.py [--model public/models/minilm-reward]   # or public/models/minilm-form-reward
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from transformers import AutoTokenizer

from card import write_card
from check_eval import score_check_sets, score_first_screen
from form_card import write_form_card
from hf_inputs import EncoderInputs
from publish import session

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=REPO / "public" / "models" / "minilm-reward")
    args = ap.parse_args()
    metrics_path = args.model / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    inputs = EncoderInputs(tokenizer, metrics["settings"]["max_length"])
    q8 = session(args.model / metrics["dtypes"]["q8"]["file"])
    metrics["check_sets"] = score_check_sets(q8, inputs, tokenizer.pad_token_id)
    metrics["first_screen"] = score_first_screen(q8, inputs, tokenizer.pad_token_id)
    metrics_path.write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if "form_head" in metrics:
        write_form_card(args.model / "README.md", metrics)
    else:
        write_card(args.model / "README.md", metrics["model"], metrics, bool(metrics["settings"].get("noncommercial")))
    for name, m in metrics["check_sets"].items():
        print(name, {k: round(v["accuracy"], 3) for k, v in m["per_source"].items()})
    print("first screen", {k: round(v, 3) for k, v in metrics["first_screen"]["win_probability"].items()})


if __name__ == "__main__":
    main()
