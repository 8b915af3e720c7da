"""Training loop (Bradley-Terry on pairs, optional MSE on ratings) and evaluation helpers."""
from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

# One model input: (input_ids,) for the decoder, (input_ids, token_type_ids) for the encoder.
Seq = tuple[list[int], ...]


@dataclass
class PairExample:
    chosen: Seq
    rejected: Seq
    source: str
    chosen_longer: bool  # by characters; used for the length-controlled accuracy


@dataclass
class RatingExample:
    seq: Seq
    target: float  # standardised grade


def collate(seqs: Sequence[Seq], pad_id: int) -> list[torch.Tensor]:
    """Right padding (the decoder reads the last non-pad token; the encoder masks padding)."""
    n = max(len(s[0]) for s in seqs)
    ids = torch.full((len(seqs), n), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    types = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s[0])] = torch.tensor(s[0])
        mask[i, : len(s[0])] = 1
        if len(s) > 1:
            types[i, : len(s[1])] = torch.tensor(s[1])
    return [ids, mask, types] if len(seqs[0]) > 1 else [ids, mask]


def length_buckets(items: list, key: Callable[[object], int], batch_size: int, rng: random.Random) -> list[list]:
    """Shuffle, then sort inside chunks of 50 batches so batches hold similar lengths (less padding)."""
    items = items[:]
    rng.shuffle(items)
    batches: list[list] = []
    chunk = batch_size * 50
    for i in range(0, len(items), chunk):
        part = sorted(items[i : i + chunk], key=key)
        batches.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def score(model: nn.Module, seqs: list[Seq], pad_id: int, batch_size: int = 64) -> torch.Tensor:
    """Logits for every sequence, in input order (eval mode, sorted by length for speed)."""
    model.eval()
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i][0]))
    out = torch.zeros(len(seqs), model.num_labels)  # type: ignore[arg-type]
    for i in range(0, len(order), batch_size):
        idx = order[i : i + batch_size]
        out[idx] = model(*collate([seqs[j] for j in idx], pad_id)).float()
    return out


def pair_metrics(rc: torch.Tensor, rr: torch.Tensor, pairs: list[PairExample]) -> dict:
    """Accuracy overall, per source, and length-controlled (chosen longer vs shorter, and their mean)."""
    right = (rc > rr).tolist()
    groups: dict[str, list[bool]] = defaultdict(list)
    for ok, p in zip(right, pairs):
        groups[p.source].append(ok)
        groups["chosen_longer" if p.chosen_longer else "chosen_shorter"].append(ok)
    acc = {k: sum(v) / len(v) for k, v in groups.items()}
    n = {k: len(v) for k, v in groups.items()}
    sources = sorted({p.source for p in pairs})
    m = {
        "accuracy": sum(right) / max(1, len(right)),
        "macro_accuracy": sum(acc[s] for s in sources) / max(1, len(sources)),
        "per_source": {s: {"accuracy": acc[s], "n": n[s]} for s in sources},
        "n": len(right),
    }
    if "chosen_longer" in acc and "chosen_shorter" in acc:
        m["length_controlled"] = {
            "chosen_longer": {"accuracy": acc["chosen_longer"], "n": n["chosen_longer"]},
            "chosen_shorter": {"accuracy": acc["chosen_shorter"], "n": n["chosen_shorter"]},
            "mean": (acc["chosen_longer"] + acc["chosen_shorter"]) / 2,
        }
    return m


def evaluate_pairs(model: nn.Module, pairs: list[PairExample], pad_id: int) -> tuple[dict, torch.Tensor]:
    logits = score(model, [p.chosen for p in pairs] + [p.rejected for p in pairs], pad_id)
    rc, rr = logits[: len(pairs), 0], logits[len(pairs) :, 0]
    return pair_metrics(rc, rr, pairs), logits


def train(
    model: nn.Module,
    pairs: list[PairExample],
    val_pairs: list[PairExample],
    pad_id: int,
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    ratings: list[RatingExample] | None = None,
    rating_weight: float = 0.5,
    log: Callable[[str], None] = print,
    max_seconds: float | None = None,
    weight_decay: float = 0.01,
    rating_column: int = 1,
) -> list[dict]:
    rng = random.Random(seed)
    torch.manual_seed(seed)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = math.ceil(len(pairs) / batch_size)
    total = steps_per_epoch * epochs
    warmup = max(1, total // 20)
    # Linear warm-up, then cosine decay to 10% of the peak rate.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, s / total))))
    )
    rating_batch = max(1, batch_size // 2)
    history: list[dict] = []
    started = time.time()
    stopped = False
    for epoch in range(1, epochs + 1):
        if stopped:
            break
        t0 = time.time()
        model.train()
        batches = length_buckets(pairs, lambda p: len(p.chosen[0]) + len(p.rejected[0]), batch_size, rng)
        rating_order = ratings[:] if ratings else []
        rng.shuffle(rating_order)
        total_loss, total_bt, total_mse, seen = 0.0, 0.0, 0.0, 0
        for step, batch in enumerate(batches):
            seqs = [p.chosen for p in batch] + [p.rejected for p in batch]
            extra: list[RatingExample] = []
            if rating_order:
                first = (step * rating_batch) % len(rating_order)
                extra = rating_order[first : first + rating_batch]
            logits = model(*collate(seqs + [r.seq for r in extra], pad_id))
            rc, rr = logits[: len(batch), 0], logits[len(batch) : 2 * len(batch), 0]
            bt = -F.logsigmoid(rc - rr).mean()
            # A tiny pull toward 0 keeps the (shift-invariant) reward centred.
            loss = bt + 1e-3 * (rc.pow(2).mean() + rr.pow(2).mean())
            mse = torch.zeros(())
            if extra:
                target = torch.tensor([r.target for r in extra])
                mse = F.mse_loss(logits[2 * len(batch) :, rating_column], target)
                loss = loss + rating_weight * mse
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total_loss += loss.item() * len(batch)
            total_bt += bt.item() * len(batch)
            total_mse += mse.item() * len(batch)
            seen += len(batch)
            if max_seconds is not None and time.time() - started > max_seconds:
                # Safety cap for a busy machine: the time budget wins over the epoch count (logged, in the card).
                log(f"  time cap {max_seconds:.0f}s reached at epoch {epoch} step {step + 1}/{len(batches)}")
                stopped = True
                break
        metrics, _ = evaluate_pairs(model, val_pairs, pad_id)
        row = {
            "epoch": epoch,
            "loss": total_loss / seen,
            "bt_loss": total_bt / seen,
            "val_accuracy": metrics["accuracy"],
            "val_macro_accuracy": metrics["macro_accuracy"],
            "seconds": time.time() - t0,
            "steps": step + 1,
            "of_steps": len(batches),
        }
        if ratings:
            row["overall_mse"] = total_mse / seen
        history.append(row)
        per = " ".join(f"{s}={v['accuracy']:.3f}" for s, v in metrics["per_source"].items())
        lc = metrics.get("length_controlled", {}).get("mean", float("nan"))
        log(
            f"  epoch {epoch}/{epochs} loss {row['loss']:.4f} (bt {row['bt_loss']:.4f}"
            + (f", overall mse {row['overall_mse']:.4f}" if ratings else "")
            + f") val acc {metrics['accuracy']:.3f} macro {metrics['macro_accuracy']:.3f} len-ctl {lc:.3f} [{per}] "
            f"{row['seconds']:.0f}s"
        )
    return history
