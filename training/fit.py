"""Bradley–Terry training of a Hugging Face sequence-classification model, resumable from checkpoints,
and the evaluation metrics (overall, per source, length-controlled, with the "longer answer wins" baseline)."""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from hf_inputs import Seq


@dataclass
class PairExample:
    chosen: Seq
    rejected: Seq
    source: str
    chosen_longer: bool  # by characters: the length-controlled accuracy and the longer-wins baseline


def collate(seqs: Sequence[Seq], pad_id: int) -> dict[str, torch.Tensor]:
    """Right padding; the encoder masks it."""
    n = max(len(s[0]) for s in seqs)
    ids = torch.full((len(seqs), n), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), n), dtype=torch.long)
    types = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, (x, t) in enumerate(seqs):
        ids[i, : len(x)] = torch.tensor(x)
        mask[i, : len(x)] = 1
        types[i, : len(t)] = torch.tensor(t)
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def length_buckets(items: list[PairExample], batch_size: int, rng: random.Random) -> list[list[PairExample]]:
    """Shuffle, then sort inside chunks of 50 batches so a batch holds similar lengths (less padding)."""
    items = items[:]
    rng.shuffle(items)
    batches: list[list[PairExample]] = []
    chunk = batch_size * 50
    for i in range(0, len(items), chunk):
        part = sorted(items[i : i + chunk], key=lambda p: max(len(p.chosen[0]), len(p.rejected[0])))
        batches.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def length_sorted_batches(seqs: Sequence[Seq], batch_size: int) -> Iterator[list[int]]:
    """Indices of `seqs` in batches of similar length (less padding); callers put results back by index."""
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i][0]))
    for i in range(0, len(order), batch_size):
        yield order[i : i + batch_size]


@torch.no_grad()
def score(model: nn.Module, seqs: list[Seq], pad_id: int, batch_size: int = 64, bf16: bool = False) -> torch.Tensor:
    """Logits for every sequence, in input order (eval mode)."""
    model.eval()
    out = torch.zeros(len(seqs), model.config.num_labels)
    for idx in length_sorted_batches(seqs, batch_size):
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            out[idx] = model(**collate([seqs[j] for j in idx], pad_id)).logits.float()
    return out


def pair_metrics(rc: torch.Tensor, rr: torch.Tensor, pairs: list[PairExample]) -> dict[str, Any]:
    """Accuracy overall, per source, and length-controlled (mean of chosen-longer and chosen-shorter accuracy),
    each beside the "longer answer wins" baseline (ties in length count as a loss for the baseline)."""
    right = (rc > rr).tolist()

    def summary(items: list[tuple[bool, PairExample]]) -> dict[str, Any]:
        ok = [r for r, _ in items]
        lw = [p.chosen_longer for _, p in items]
        longer = [r for r, p in items if p.chosen_longer]
        shorter = [r for r, p in items if not p.chosen_longer]
        out: dict[str, Any] = {
            "n": len(ok),
            "accuracy": sum(ok) / max(1, len(ok)),
            "longer_wins": sum(lw) / max(1, len(lw)),
            "chosen_longer": {"n": len(longer), "accuracy": sum(longer) / max(1, len(longer))},
            "chosen_shorter": {"n": len(shorter), "accuracy": sum(shorter) / max(1, len(shorter))},
        }
        # Length-controlled: both halves weigh the same, so a pure length rule scores exactly 50%.
        out["length_controlled"] = (out["chosen_longer"]["accuracy"] + out["chosen_shorter"]["accuracy"]) / 2
        return out

    items = list(zip(right, pairs, strict=False))
    by_source: dict[str, list[tuple[bool, PairExample]]] = defaultdict(list)
    for it in items:
        by_source[it[1].source].append(it)
    m = summary(items)
    m["per_source"] = {s: summary(v) for s, v in sorted(by_source.items())}
    m["macro_accuracy"] = sum(v["accuracy"] for v in m["per_source"].values()) / max(1, len(by_source))
    return m


def evaluate_pairs(
    model: nn.Module, pairs: list[PairExample], pad_id: int, bf16: bool = False
) -> tuple[dict[str, Any], torch.Tensor]:
    logits = score(model, [p.chosen for p in pairs] + [p.rejected for p in pairs], pad_id, bf16=bf16)
    return pair_metrics(logits[: len(pairs), 0], logits[len(pairs) :, 0], pairs), logits


def format_metrics(m: dict[str, Any]) -> str:
    per = " ".join(f"{s}={v['accuracy']:.3f}/{v['length_controlled']:.3f}" for s, v in m["per_source"].items())
    return (
        f"acc {m['accuracy']:.3f} (longer-wins {m['longer_wins']:.3f}) len-ctl {m['length_controlled']:.3f} "
        f"[acc/len-ctl {per}]"
    )


def train(
    model: nn.Module,
    pairs: list[PairExample],
    val_pairs: list[PairExample],
    pad_id: int,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    checkpoint: Path,
    log: Callable[[str], None] = print,
    max_seconds: float | None = None,
    weight_decay: float = 0.01,
    checkpoint_every: int = 25,
    head_lr: float | None = None,
    bf16: bool = False,
    extra_val: Callable[[nn.Module], str] | None = None,
) -> tuple[list[dict[str, Any]], tuple[dict[str, Any], torch.Tensor] | None]:
    """AdamW, linear warm-up then cosine decay; resumes from `checkpoint` (model, optimiser, schedule, position).
    `head_lr`: the freshly initialised classifier's own learning rate (with the body's, a new head barely moves in
    the first hundred steps). `bf16`: autocast the forward pass (2-3x faster on a CPU with AMX; weights and the
    optimiser stay fp32). Returns the per-epoch history and the last validation (metrics, logits) when an epoch ran
    in this call."""
    torch.manual_seed(seed)
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    head = [(n, p) for n, p in params if n.startswith("classifier.")] if head_lr else []
    body = [(n, p) for n, p in params if not (head and n.startswith("classifier."))]
    groups: list[dict[str, Any]] = [
        {"params": [p for n, p in body if p.dim() >= 2], "weight_decay": weight_decay},
        {"params": [p for n, p in body if p.dim() < 2], "weight_decay": 0.0},
    ]
    if head:
        groups.append({"params": [p for _, p in head], "weight_decay": 0.0, "lr": head_lr})
    opt = torch.optim.AdamW(groups, lr=lr)
    steps_per_epoch = math.ceil(len(pairs) / batch_size)
    total = steps_per_epoch * epochs
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, s / total))))
    )
    start_epoch, start_step, history = 1, 0, []
    last_val: tuple[dict[str, Any], torch.Tensor] | None = None
    if checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        start_epoch, start_step, history = state["epoch"], state["step"], state["history"]
        log(f"  resumed from {checkpoint}: epoch {start_epoch}, step {start_step}/{steps_per_epoch}")

    def save(epoch: int, step: int) -> None:
        tmp = checkpoint.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict(),
                "epoch": epoch,
                "step": step,
                "history": history,
            },
            tmp,
        )
        tmp.replace(checkpoint)  # atomic: a kill mid-write leaves the previous checkpoint

    started = time.time()
    for epoch in range(start_epoch, epochs + 1):
        # The batch order depends only on (seed, epoch), so a resumed run sees the same batches.
        batches = length_buckets(pairs, batch_size, random.Random(seed * 1000 + epoch))
        first = start_step if epoch == start_epoch else 0
        model.train()
        t0, loss_sum, seen = time.time(), 0.0, 0
        for step in range(first, len(batches)):
            batch = batches[step]
            seqs = [p.chosen for p in batch] + [p.rejected for p in batch]
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = model(**collate(seqs, pad_id)).logits.float()
            rc, rr = logits[: len(batch), 0], logits[len(batch) :, 0]
            bt = -F.logsigmoid(rc - rr).mean()
            # A tiny pull toward 0 keeps the (shift-invariant) reward centred.
            loss = bt + 1e-3 * (rc.pow(2).mean() + rr.pow(2).mean())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in params], 1.0)
            opt.step()
            sched.step()
            loss_sum += bt.item() * len(batch)
            seen += len(batch)
            if (step + 1) % checkpoint_every == 0:
                save(epoch, step + 1)
                log(
                    f"  epoch {epoch} step {step + 1}/{len(batches)} bt-loss {loss_sum / seen:.4f} "
                    f"{(time.time() - t0) / (step + 1 - first):.2f}s/step"
                )
                if extra_val is not None and (step + 1) % (checkpoint_every * 8) == 0:
                    log(f"  step {step + 1} {extra_val(model)}")
                    model.train()
            if max_seconds is not None and time.time() - started > max_seconds:
                save(epoch, step + 1)
                log(f"  time cap {max_seconds:.0f}s reached at epoch {epoch} step {step + 1}; rerun to resume")
                raise SystemExit(3)
        last_val = evaluate_pairs(model, val_pairs, pad_id)
        metrics = last_val[0]
        history.append(
            {
                "epoch": epoch,
                "bt_loss": loss_sum / max(1, seen),
                "val": format_metrics(metrics),
                "val_accuracy": metrics["accuracy"],
                "val_length_controlled": metrics["length_controlled"],
                "seconds": time.time() - t0,
            }
        )
        log(f"  epoch {epoch}/{epochs} bt-loss {loss_sum / max(1, seen):.4f} val {format_metrics(metrics)}")
        save(epoch + 1, 0)
    return history, last_val
