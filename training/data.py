"""Loading, splitting and balancing the preference data in ../shared/data.

The prompt-side flattening mirrors src/core/flatten.ts exactly: the engine builds the same text at
inference time, so any difference here would be a train/serve skew.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Files whose licences allow shipping a model trained on them (see shared/data/README.md).
LICENSED_PAIR_FILES = [
    "pairs_hh_rlhf_harmless_human.jsonl.gz",
    "pairs_pandalm_human.jsonl",
    "pairs_arena_bench_v1_gpt4_grade_derived.jsonl.gz",
    "pairs_ultrafeedback_sample_gpt4_judged.jsonl",
]
RATINGS_FILE = "ratings_arena_bench_v1_gpt4_overall.jsonl.gz"
# CC BY-NC data: only behind --include-noncommercial, never into public/models.
NONCOMMERCIAL_PAIR_FILES = [
    "pairs_alpaca_eval_llm_judged.jsonl.gz",
    "pairs_rewardbench_bon_tulu2_vs_gpt35_gpt4turbo_judged.jsonl.gz",
]

VAL_ARENA_CAP = 16

# Short source names used in the cards and metrics.
SOURCE_NAMES = {
    "pairs_hh_rlhf_harmless_human.jsonl.gz": "hh_rlhf_harmless",
    "pairs_pandalm_human.jsonl": "pandalm",
    "pairs_arena_bench_v1_gpt4_grade_derived.jsonl.gz": "arena_bench",
    "pairs_ultrafeedback_sample_gpt4_judged.jsonl": "ultrafeedback",
    "pairs_alpaca_eval_llm_judged.jsonl.gz": "alpaca_eval_NC",
    "pairs_rewardbench_bon_tulu2_vs_gpt35_gpt4turbo_judged.jsonl.gz": "rewardbench_bon_NC",
}

Conversation = dict[str, Any]  # {"system"?: str, "turns": [{"role", "content"}]}


@dataclass
class Pair:
    conversation: Conversation
    chosen: str
    rejected: str
    source: str
    group: str  # normalised prompt: the unit of the train/val split


@dataclass
class Rating:
    conversation: Conversation
    response: str
    overall: float
    group: str


@dataclass
class Dataset:
    train_pairs: list[Pair]
    val_pairs: list[Pair]
    train_ratings: list[Rating]
    val_ratings: list[Rating]
    stats: dict[str, Any] = field(default_factory=dict)
    # Rule-made pairs built from the validation split the same way as the training ones (contrastive.py).
    val_rule_pairs: list[Pair] = field(default_factory=list)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def flatten_prompt_side(conversation: Conversation) -> str:
    """Python twin of flattenPromptSide in src/core/flatten.ts."""
    system = conversation.get("system")
    turns = conversation["turns"]
    if not system and len(turns) == 1 and turns[0]["role"] == "user":
        return turns[0]["content"]
    lines: list[str] = []
    if system:
        lines.append(f"System: {system}")
    for t in turns:
        lines.append(f"{'User' if t['role'] == 'user' else 'Assistant'}: {t['content']}")
    return "\n".join(lines)


def plan_pair_truncation(prompt_len: int, response_len: int, budget: int) -> tuple[int, int, bool]:
    """Python twin of planPairTruncation in src/core/flatten.ts."""
    if prompt_len + response_len <= budget:
        return prompt_len, response_len, False
    room = max(0, budget)
    keep_prompt = min(prompt_len, room, max(room - response_len, min(prompt_len, 64)))
    keep_response = max(0, min(response_len, room - keep_prompt))
    return keep_prompt, keep_response, True


def truncate_decoder_ids(ids: list[int], max_length: int, bos_id: int | None) -> tuple[list[int], bool]:
    """Python twin of truncateDecoderIds in src/core/flatten.ts."""
    if len(ids) <= max_length:
        return list(ids), False
    keep_bos = bos_id is not None and len(ids) > 0 and ids[0] == bos_id
    tail = ids[len(ids) - (max_length - (1 if keep_bos else 0)) :]
    return ([bos_id] + tail if keep_bos else tail), True  # type: ignore[list-item]


def normalize_prompt(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def is_val_group(group: str, val_fraction: float) -> bool:
    # A hash of the normalised prompt decides the split, so it is stable across runs and files.
    h = int(hashlib.sha1(group.encode("utf-8")).hexdigest()[:8], 16)
    return (h % 10000) < val_fraction * 10000


def row_conversation(row: dict[str, Any]) -> Conversation:
    ctx = row.get("context")
    if ctx:
        return {"turns": [{"role": t["role"], "content": t["content"]} for t in ctx]}
    return {"turns": [{"role": "user", "content": row["prompt"]}]}


def cap_per_group(pairs: list[Pair], cap: int, rng: random.Random) -> list[Pair]:
    """Arena pairs reuse each answer many times; capping pairs per prompt limits that redundancy."""
    by_group: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_group[p.group].append(p)
    out: list[Pair] = []
    for g in sorted(by_group):
        items = by_group[g]
        rng.shuffle(items)
        out.extend(items[:cap])
    return out


def balance_length(pairs: list[Pair], rng: random.Random) -> list[Pair]:
    """Subsample so the chosen side is the longer one in ~50% of pairs (per source)."""
    out: list[Pair] = []
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_source[p.source].append(p)
    for src in sorted(by_source):
        longer = [p for p in by_source[src] if len(p.chosen) > len(p.rejected)]
        shorter = [p for p in by_source[src] if len(p.chosen) <= len(p.rejected)]
        n = min(len(longer), len(shorter))
        rng.shuffle(longer)
        rng.shuffle(shorter)
        out.extend(longer[:n] + shorter[:n])
    rng.shuffle(out)
    return out


def add_relevance_negatives(pairs: list[Pair], fraction: float, rng: random.Random) -> list[Pair]:
    """Adds pairs whose rejected answer was written for another prompt of the same source.

    The preference files rarely pair a real answer with one that ignores the question; these pairs teach the
    cross-encoder to read the prompt side, not only the response's style. The extra answers come from the
    training split only (no validation text), and are the longer side in about half of the pairs, as before.
    """
    n = round(fraction * len(pairs))
    if n <= 0:
        return pairs
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_source[p.source].append(p)
    extra: list[Pair] = []
    for p in rng.sample(pairs, min(n, len(pairs))):
        pool = by_source[p.source]
        for _ in range(8):
            q = pool[rng.randrange(len(pool))]
            if q.group != p.group and q.chosen != p.chosen:
                extra.append(Pair(p.conversation, p.chosen, q.chosen, "mismatched_answer", p.group))
                break
    out = pairs + extra
    rng.shuffle(out)
    return out


def load_dataset(
    data_dir: Path,
    seed: int,
    val_fraction: float = 0.1,
    include_noncommercial: bool = False,
    arena_cap: int = 16,
    smoke: bool = False,
    nc_cap: int = 4,
    relevance_negatives: float = 0.0,
    rule_mix: dict[str, int] | None = None,
    source_caps: dict[str, int] | None = None,
) -> Dataset:
    """`rule_mix`: rule-made pairs per type per 1,000 preference pairs (contrastive.py); `source_caps`: at most
    this many length-balanced training pairs of a source (a random subset, still about half chosen-longer)."""
    from contrastive import build as build_rule_pairs
    from held_out import drop_held_out, held_out_texts

    rng = random.Random(seed)
    files = LICENSED_PAIR_FILES + (NONCOMMERCIAL_PAIR_FILES if include_noncommercial else [])
    train: list[Pair] = []
    val: list[Pair] = []
    stats: dict[str, Any] = {"files": files + [RATINGS_FILE], "raw": {}, "train": {}, "val": {}}
    for name in files:
        src = SOURCE_NAMES[name]
        rows = read_jsonl(data_dir / name)
        if smoke:
            rows = rows[:120]
        stats["raw"][src] = len(rows)
        tr: list[Pair] = []
        va: list[Pair] = []
        for r in rows:
            group = normalize_prompt(r["prompt"])
            p = Pair(row_conversation(r), r["chosen"], r["rejected"], src, group)
            (va if is_val_group(group, val_fraction) else tr).append(p)
        if src == "arena_bench":
            tr = cap_per_group(tr, arena_cap, rng)
            # The validation cap stays fixed so results are comparable whatever the training cap.
            va = cap_per_group(va, VAL_ARENA_CAP, random.Random(seed))
        elif src.endswith("_NC"):
            tr = cap_per_group(tr, nc_cap, rng)
            va = cap_per_group(va, nc_cap, rng)
        train.extend(tr)
        val.extend(va)
    held = held_out_texts()
    train, dropped = drop_held_out(train, held)
    stats["held_out_dropped"] = dropped
    train = balance_length(train, rng)
    if source_caps:
        seen: dict[str, int] = defaultdict(int)
        capped: list[Pair] = []
        for p in train:  # balance_length shuffled them
            seen[p.source] += 1
            if seen[p.source] <= source_caps.get(p.source, len(train)):
                capped.append(p)
        train = capped
    val_rules: list[Pair] = []
    if rule_mix:
        rules = build_rule_pairs(train, rule_mix, rng)
        rules, _ = drop_held_out(rules, held)
        # Validation rule pairs come from validation answers only, at the same rate per preference pair.
        val_rules = build_rule_pairs(val, rule_mix, random.Random(seed + 1), n_reference=len(val))
        train = train + rules
        rng.shuffle(train)
    train = add_relevance_negatives(train, relevance_negatives, rng)
    for split, items in (("train", train), ("val", val), ("val_rules", val_rules)):
        stats.setdefault(split, {})
        for p in items:
            stats[split][p.source] = stats[split].get(p.source, 0) + 1

    ratings_rows = read_jsonl(data_dir / RATINGS_FILE)
    if smoke:
        ratings_rows = ratings_rows[:200]
    tr_r: list[Rating] = []
    va_r: list[Rating] = []
    for r in ratings_rows:
        group = normalize_prompt(r["prompt"])
        item = Rating(row_conversation(r), r["response"], float(r["attributes"]["overall"]), group)
        (va_r if is_val_group(group, val_fraction) else tr_r).append(item)
    stats["train"]["ratings"] = len(tr_r)
    stats["val"]["ratings"] = len(va_r)
    return Dataset(train, val, tr_r, va_r, stats, val_rules)
