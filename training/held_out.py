"""Texts that are tests and must never be trained on: the README's, the first screen's and the lessons' examples,
the reference cases, and the prompts of the bundled check sets (public/check-set/*.jsonl).

Quoted strings are read straight from the sources, so a new example is held out as soon as it is written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from data import Pair, normalize_prompt

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["README.md", "src/ui/store/examples.ts", "src/ui/store/lessons.ts", "training/cases.py"]
# Single- or double-quoted string literals and Markdown quotes; short strings ("Yes") say nothing.
QUOTED = re.compile(r"'((?:[^'\\\n]|\\.){12,})'|\"((?:[^\"\\\n]|\\.){12,})\"|“([^”\n]{12,})”")
MIN_CHARS = 12


def held_out_texts(repo: Path = REPO) -> set[str]:
    out: set[str] = set()
    for rel in SOURCES:
        path = repo / rel
        # A moved file must not quietly let the app's tests into training data.
        if not path.exists():
            raise SystemExit(f"held_out.py: {path} is missing; update SOURCES to where the app's examples now live")
        for m in QUOTED.finditer(path.read_text(encoding="utf-8")):
            text = next(g for g in m.groups() if g is not None)
            text = text.replace("\\n", "\n").replace("\\'", "'").replace('\\"', '"')
            out.add(normalize_prompt(text))
    for path in sorted((repo / "public" / "check-set").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.add(normalize_prompt(row["prompt"]))
                for t in row.get("context") or []:
                    out.add(normalize_prompt(t["content"]))
    return {t for t in out if len(t) >= MIN_CHARS}


def check_set_answers(repo: Path = REPO) -> set[str]:
    """Every chosen and rejected answer of the bundled check sets, normalised (templates must not reuse them)."""
    out: set[str] = set()
    for path in sorted((repo / "public" / "check-set").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.add(normalize_prompt(row["chosen"]))
                out.add(normalize_prompt(row["rejected"]))
    return out


def drop_held_out(pairs: list[Pair], held: set[str]) -> tuple[list[Pair], int]:
    """Pairs none of whose prompt turns or answers is a held-out text (exact, after normalising)."""
    kept: list[Pair] = []
    for p in pairs:
        texts = [t["content"] for t in p.conversation["turns"]] + [p.chosen, p.rejected]
        if any(normalize_prompt(t) in held for t in texts):
            continue
        kept.append(p)
    return kept, len(pairs) - len(kept)


def phrases_overlapping(phrases: list[str], held: set[str]) -> list[str]:
    """Template phrases that contain, or are contained in, a held-out text (for the tests)."""
    bad = []
    for ph in phrases:
        n = normalize_prompt(ph)
        if len(n) < MIN_CHARS:
            continue
        # A phrase inside an example, or a whole example sentence (20+ characters) inside a phrase.
        if any(n in h or (len(h) >= 20 and h in n) for h in held):
            bad.append(ph)
    return bad
