"""Writes the playground's bundled check set: public/check-set/human-pairs.jsonl.

The human-labelled pairs (hh-rlhf harmless, PandaLM) of the validation split that training uses: prompts chosen
by a hash of the normalised prompt (data.is_val_group), so no shipped model was trained on any of them. The split
is fixed by that hash, not by a seed: rerunning this writes the same file. One pair per line in the pairs format
the app reads (prompt, chosen, rejected, context for multi-turn rows, subset = source).

    node training/python.mjs check_set.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from data import is_val_group, normalize_prompt, read_jsonl

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HUMAN_FILES = {
    "pairs_hh_rlhf_harmless_human.jsonl.gz": "hh_rlhf_harmless",
    "pairs_pandalm_human.jsonl": "pandalm",
}
VAL_FRACTION = 0.1  # the same as data.load_dataset's default


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "public" / "check-set" / "human-pairs.jsonl")
    args = ap.parse_args()
    rows: list[dict[str, object]] = []
    for name, subset in HUMAN_FILES.items():
        for r in read_jsonl(args.data / name):
            if not is_val_group(normalize_prompt(r["prompt"]), VAL_FRACTION):
                continue
            row: dict[str, object] = {"prompt": r["prompt"], "chosen": r["chosen"], "rejected": r["rejected"]}
            if r.get("context"):
                row["context"] = [{"role": t["role"], "content": t["content"]} for t in r["context"]]
            row["subset"] = subset
            rows.append(row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {s: sum(1 for r in rows if r["subset"] == s) for s in HUMAN_FILES.values()}
    print(f"wrote {args.out}: {len(rows)} pairs {counts}")


if __name__ == "__main__":
    main()
