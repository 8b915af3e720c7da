"""Rebuild every embedded reward model: `npm run train` (or `/usr/bin/python3 training/train.py`).

  --smoke          tiny sizes, a few hundred pairs, one epoch (end-to-end check in about a minute)
  --out DIR        where the model folders go (default: <repo>/public/models)
  --data DIR       preference data (default: <repo>/../shared/data)
  --include-noncommercial  also train on the CC BY-NC files; refuses to write into public/models
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

# One thread each for OpenMP and OpenBLAS: on this shared 2-core machine two pools of spinning threads
# (torch's OpenMP + OpenBLAS pthreads) oversubscribe the cores; measured 0.36 s/step single-threaded vs 1.8 s.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from card import write_card  # noqa: E402
from data import Dataset, flatten_prompt_side, load_dataset  # noqa: E402
from export import bert_config, export_onnx, llama_config, write_json  # noqa: E402
from fit import PairExample, RatingExample, Seq, evaluate_pairs, pair_metrics, score, train  # noqa: E402
from models import BertConfig, BertReward, LlamaConfig, LlamaReward, count_parameters  # noqa: E402
from quantize import quantize_weights  # noqa: E402
from reference import write_reference  # noqa: E402
from tokenization import (  # noqa: E402
    REPO,
    chat_messages,
    decoder_input,
    encode_chats,
    encode_texts,
    encoder_input,
    tokenizer_specials,
    train_tokenizer,
    vocab_size,
)

MAX_LENGTH = 256  # the models' max length (max_position_embeddings, model_max_length)


def log(msg: str) -> None:
    print(msg, flush=True)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Train the embedded reward models.")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "public" / "models")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--include-noncommercial", action="store_true")
    ap.add_argument("--models", default="bert,llama")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--train-max-length", type=int, default=None,
                    help="truncate training inputs to this many tokens (speed); evaluation always uses 256")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--dropout", type=float, default=None)
    ap.add_argument("--weight-decay", type=float, default=None)
    ap.add_argument("--arena-cap", type=int, default=None)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--bert-rating-weight", type=float, default=None, help="0 disables the BERT grade auxiliary")
    ap.add_argument("--max-train-minutes", type=float, default=9.0, help="per-model cap on training time")
    return ap.parse_args()


def settings(smoke: bool, model: str) -> dict[str, Any]:
    """Hyperparameters per model. Chosen on the validation split in a few short runs (see the model cards)."""
    if smoke:
        return {"vocab": 1200, "hidden": 32, "layers": 1, "heads": 2, "kv_heads": 1, "inter": 64, "epochs": 1,
                "batch": 16, "lr": 1e-3, "train_max_length": 96, "dropout": 0.1, "weight_decay": 0.01, "arena_cap": 16,
                "bert_rating_weight": 0.25}
    common = {"vocab": 8000, "hidden": 128, "layers": 2, "heads": 4, "kv_heads": 2, "inter": 384, "epochs": 2,
              "batch": 32, "train_max_length": 128, "weight_decay": 0.05, "arena_cap": 16}
    if model == "bert":
        # BERT sees the response from its start, so it needs the full length to see most of it (128: 56.1%).
        return {**common, "epochs": 1, "train_max_length": 256, "lr": 5e-4, "dropout": 0.1, "bert_rating_weight": 0.5}
    return {**common, "epochs": 1, "lr": 5e-4, "dropout": 0.0, "bert_rating_weight": 0.0}


def corpus(ds: Dataset) -> list[str]:
    texts: list[str] = []
    for p in ds.train_pairs:
        texts += [flatten_prompt_side(p.conversation), p.chosen, p.rejected]
    texts += [r.response for r in ds.train_ratings]
    return texts


def longer(p: Any) -> bool:
    return len(p.chosen) > len(p.rejected)


def q8_agreement(fp32: torch.Tensor, q8: list[list[float]], val_pairs: list[PairExample]) -> dict[str, Any]:
    q = torch.tensor(q8)
    n = len(val_pairs)
    d = (q[:, 0] - fp32[:, 0]).abs()
    agree = ((fp32[:n, 0] > fp32[n:, 0]) == (q[:n, 0] > q[n:, 0])).float().mean().item()
    acc = pair_metrics(q[:n, 0], q[n:, 0], val_pairs)["accuracy"]
    return {"max_abs_diff": d.max().item(), "mean_abs_diff": d.mean().item(), "decision_agreement": agree,
            "accuracy": acc, "n": n}


def finish(model: torch.nn.Module, name: str, family: str, model_dir: Path, pad_id: int, config: dict[str, Any],
           val_pairs: list[PairExample], info: dict[str, Any]) -> dict[str, Any]:
    """Export, quantize, reference.json, q8 agreement and the model card."""
    model.eval()
    write_json(model_dir / "config.json", config)
    export_onnx(model, model_dir / "onnx" / "model.onnx")
    counts = quantize_weights(model_dir / "onnx" / "model.onnx", model_dir / "onnx" / "model_quantized.onnx")
    log(f"  exported; int8 quantized {counts['quantized']} weight tensors")
    metrics, fp32_val = evaluate_pairs(model, val_pairs, pad_id)
    val_seqs = [p.chosen for p in val_pairs] + [p.rejected for p in val_pairs]
    ref = write_reference(model, name, family, model_dir, MAX_LENGTH, pad_id, val_seqs)
    q8 = q8_agreement(fp32_val, ref["val_q8"], val_pairs)
    log(f"  fp32 vs q8 on val: max|d| {q8['max_abs_diff']:.4f}, decisions agree {q8['decision_agreement']:.3f}; "
        f"ORT fp32 vs torch max|d| {ref['max_fp32_diff']:.1e}")
    info.update({"metrics": metrics, "q8": q8, "max_fp32_diff": ref["max_fp32_diff"]})
    write_card(model_dir, info)
    (model_dir / "metrics.json").write_text(json.dumps(
        {k: info[k] for k in ("metrics", "q8", "max_fp32_diff", "history", "train_seconds", "parameters", "overall")
         if k in info}, indent=1) + "\n")
    return info


def base_info(name: str, args: argparse.Namespace, s: dict[str, Any], ds: Dataset) -> dict[str, Any]:
    return {"name": name, "noncommercial": args.include_noncommercial, "files": ds.stats["files"],
            "counts": {"train": ds.stats["train"], "val": ds.stats["val"]}, "seed": args.seed,
            "epochs": s["epochs"], "batch_size": s["batch"], "lr": s["lr"], "max_length": MAX_LENGTH,
            "train_max_length": s["train_max_length"], "arena_cap": s["arena_cap"],
            "weight_decay": s["weight_decay"], "dropout": s["dropout"]}


def nc_extra(args: argparse.Namespace) -> dict[str, Any]:
    return {"noncommercial": True, "license": "cc-by-nc-4.0"} if args.include_noncommercial else {}


def grade_scale(ds: Dataset) -> tuple[float, float]:
    grades = [r.overall for r in ds.train_ratings]
    mean = sum(grades) / len(grades)
    return mean, math.sqrt(sum((g - mean) ** 2 for g in grades) / len(grades)) or 1.0


def build_bert(ds: Dataset, out: Path, args: argparse.Namespace, s: dict[str, Any]) -> dict[str, Any]:
    name = "tiny-bert-reward"
    d = out / name
    t0 = time.time()
    train_tokenizer("wordpiece", corpus(ds), s["vocab"], d, MAX_LENGTH)
    sp = tokenizer_specials(d)
    cls, sep, pad = sp["[CLS]"], sp["[SEP]"], sp["[PAD]"]
    texts = [t for p in ds.train_pairs + ds.val_pairs for t in (flatten_prompt_side(p.conversation), p.chosen, p.rejected)]
    texts += [t for r in ds.train_ratings for t in (flatten_prompt_side(r.conversation), r.response)]
    ids = encode_texts(d, texts)

    def ex(p: Any, max_len: int) -> PairExample:
        side = ids[flatten_prompt_side(p.conversation)]
        c = encoder_input(side, ids[p.chosen], max_len, cls, sep)
        r = encoder_input(side, ids[p.rejected], max_len, cls, sep)
        return PairExample((c[0], c[1]), (r[0], r[1]), p.source, longer(p))

    train_ex = [ex(p, s["train_max_length"]) for p in ds.train_pairs]
    val_ex = [ex(p, MAX_LENGTH) for p in ds.val_pairs]
    # Auxiliary: the arena grades (standardised) regressed on the same reward output; it gives every graded answer
    # a direct target, which generalises better than pairs alone on this little data (measured on the val split).
    mean, std = grade_scale(ds)
    train_r = []
    if s["bert_ratings"]:
        for r in ds.train_ratings:
            x, types, _ = encoder_input(ids[flatten_prompt_side(r.conversation)], ids[r.response], s["train_max_length"],
                                        cls, sep)
            train_r.append(RatingExample((x, types), (r.overall - mean) / std))
    log(f"[{name}] tokenizer + encoding {time.time() - t0:.0f}s; {len(train_ex)} train / {len(val_ex)} val pairs")
    cfg = BertConfig(vocab_size=vocab_size(d), hidden_size=s["hidden"], num_hidden_layers=s["layers"],
                     num_attention_heads=s["heads"], intermediate_size=s["inter"], max_position_embeddings=MAX_LENGTH,
                     pad_token_id=pad, attention_probs_dropout_prob=0.0,
                     hidden_dropout_prob=s["dropout"])
    torch.manual_seed(args.seed)
    model = BertReward(cfg)
    log(f"[{name}] {count_parameters(model):,} parameters")
    t1 = time.time()
    history = train(model, train_ex, val_ex, pad, s["epochs"], s["batch"], s["lr"], args.seed, log=log, weight_decay=s["weight_decay"],
                    ratings=train_r or None, rating_column=0, rating_weight=s["bert_rating_weight"],
                    max_seconds=args.max_train_minutes * 60)
    info = base_info(name, args, s, ds)
    info.update({
        "summary": "A tiny BERT-style cross-encoder reward model trained in this repository (training/). Input: "
                   "`[CLS] prompt [SEP] response [SEP]`; output: one reward logit (higher is better). Score = logit × "
                   "alpha (alpha 1.0).",
        "architecture": f"- BertForSequenceClassification layout: {cfg.num_hidden_layers} post-LN encoder layers, hidden "
                        f"{cfg.hidden_size}, {cfg.num_attention_heads} heads, FFN {cfg.intermediate_size} (GELU), learned "
                        "absolute positions (sinusoidal initialisation), token types, tanh pooler on [CLS], linear "
                        "regression head (num_labels 1).",
        "tokenizer": f"WordPiece, {cfg.vocab_size} tokens, lower-casing BERT normaliser (HF tokenizers, training/README.md)",
        "training": "- Bradley-Terry loss −log σ(r_chosen − r_rejected) (+1e-3·r² to keep rewards centred), "
                    f"dropout {s['dropout']}.\n"
                    + (f"- Auxiliary: MSE (weight {s['bert_rating_weight']}) of the same reward output against the GPT-4 "
                       f"1-10 arena grades standardised as (grade − {mean:.3f}) / {std:.3f} "
                       "(`ratings_arena_bench_v1_gpt4_overall`); each step mixes a pair batch and half as many graded "
                       "answers. It anchors the reward scale to the grades on arena-style answers."
                       if s["bert_ratings"] else ""),
        "parameters": count_parameters(model), "train_seconds": time.time() - t1, "history": history,
    })
    config = bert_config(model, alpha=1.0, extra=nc_extra(args))
    return finish(model, name, "encoder", d, pad, config, val_ex, info)


def build_llama(ds: Dataset, out: Path, args: argparse.Namespace, s: dict[str, Any]) -> dict[str, Any]:
    name = "tiny-llama-reward"
    d = out / name
    t0 = time.time()
    train_tokenizer("bpe", corpus(ds), s["vocab"], d, MAX_LENGTH)
    sp = tokenizer_specials(d)
    bos, eot, pad = sp["<|begin_of_text|>"], sp["<|eot_id|>"], sp["<|pad|>"]
    pairs = ds.train_pairs + ds.val_pairs
    chats = [chat_messages(p.conversation, r) for p in pairs for r in (p.chosen, p.rejected)]
    ratings = ds.train_ratings + ds.val_ratings
    chats += [chat_messages(r.conversation, r.response) for r in ratings]
    enc = encode_chats(d, chats)

    def seq(i: int, max_len: int) -> Seq:
        return (decoder_input(enc[i], max_len, bos)[0],)

    n_train = len(ds.train_pairs)
    train_ex, val_ex = [], []
    for i, p in enumerate(pairs):
        max_len = s["train_max_length"] if i < n_train else MAX_LENGTH
        (train_ex if i < n_train else val_ex).append(
            PairExample(seq(2 * i, max_len), seq(2 * i + 1, max_len), p.source, longer(p)))
    mean, std = grade_scale(ds)
    base = 2 * len(pairs)
    train_r = [RatingExample(seq(base + i, s["train_max_length"]), (r.overall - mean) / std)
               for i, r in enumerate(ds.train_ratings)]
    val_r = [RatingExample(seq(base + len(ds.train_ratings) + i, MAX_LENGTH), (r.overall - mean) / std)
             for i, r in enumerate(ds.val_ratings)]
    log(f"[{name}] tokenizer + encoding {time.time() - t0:.0f}s; {len(train_ex)} train / {len(val_ex)} val pairs, "
        f"{len(train_r)} / {len(val_r)} ratings")
    cfg = LlamaConfig(vocab_size=vocab_size(d), hidden_size=s["hidden"], intermediate_size=s["inter"],
                      num_hidden_layers=s["layers"], num_attention_heads=s["heads"], num_key_value_heads=s["kv_heads"],
                      max_position_embeddings=MAX_LENGTH, bos_token_id=bos, eos_token_id=eot, pad_token_id=pad)
    torch.manual_seed(args.seed)
    model = LlamaReward(cfg)
    log(f"[{name}] {count_parameters(model):,} parameters")
    t1 = time.time()
    history = train(model, train_ex, val_ex, pad, s["epochs"], s["batch"], s["lr"], args.seed, ratings=train_r, log=log, weight_decay=s["weight_decay"],
                    max_seconds=args.max_train_minutes * 60)
    train_seconds = time.time() - t1
    pred = score(model, [r.seq for r in val_r], pad)[:, 1]
    tgt = torch.tensor([r.target for r in val_r])
    pc, tc = pred - pred.mean(), tgt - tgt.mean()
    pearson = (pc @ tc / (pc.norm() * tc.norm() + 1e-12)).item()
    rmse = ((pred - tgt).pow(2).mean().sqrt() * std).item()
    overall = {"n": len(val_r), "pearson": pearson, "rmse": rmse, "mean": mean, "std": std}
    log(f"  overall head on val ratings: pearson {pearson:.3f}, rmse {rmse:.2f} grade points")
    info = base_info(name, args, s, ds)
    info.update({
        "summary": "A tiny Llama-architecture decoder with a two-output reward head, trained in this repository "
                   "(training/). Input: the whole conversation rendered with the chat template (Llama-3 style headers), "
                   "ending with the assistant response; outputs read at the last non-pad token: `reward` (Bradley-Terry) "
                   "and `overall` (standardised 1-10 grade).",
        "architecture": f"- LlamaForSequenceClassification layout: {cfg.num_hidden_layers} decoder layers, hidden "
                        f"{cfg.hidden_size}, {cfg.num_attention_heads} query heads / {cfg.num_key_value_heads} key-value "
                        f"heads (GQA), SwiGLU MLP {cfg.intermediate_size}, RMSNorm, rotary positions (theta "
                        f"{cfg.rope_theta:g}), no biases, causal attention; `score` head (2 outputs) at the last non-pad "
                        "token (right padding).",
        "tokenizer": f"byte-level BPE, {cfg.vocab_size} tokens incl. Llama-3 style special tokens; the post-processor "
                     "adds BOS and the chat template starts with BOS too: use a single BOS (the engine drops the "
                     "duplicate)",
        "training": "- `reward`: Bradley-Terry loss −log σ(r_chosen − r_rejected) on pairs (+1e-3·r²).\n"
                    f"- `overall`: MSE (weight 0.5) on GPT-4 1-10 grades standardised as (grade − {mean:.3f}) / {std:.3f} "
                    "(`ratings_arena_bench_v1_gpt4_overall`); grade ≈ mean + std × logit. Each step mixes a pair batch "
                    "and half as many graded answers.",
        "parameters": count_parameters(model), "train_seconds": train_seconds, "history": history, "overall": overall,
    })
    extra = {**nc_extra(args), "overall_scale": {"mean": mean, "std": std,
                                                  "note": "overall logit = (grade - mean) / std on the 1-10 grade scale"}}
    config = llama_config(model, extra=extra)
    return finish(model, name, "decoder", d, pad, config, val_ex, info)


def main() -> None:
    args = parse_args()
    out = args.out.resolve()
    public = (REPO / "public" / "models").resolve()
    if args.include_noncommercial and (out == public or public in out.parents):
        raise SystemExit("--include-noncommercial refuses to write into public/models: pass --out elsewhere")
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    per_model = {}
    for m in args.models.split(","):
        s = settings(args.smoke, m)
        for key in ("epochs", "lr", "dropout", "weight_decay", "arena_cap", "batch", "bert_rating_weight",
                    "train_max_length"):
            if getattr(args, key) is not None:
                s[key] = getattr(args, key)
        s["bert_ratings"] = s["bert_rating_weight"] > 0
        per_model[m] = s
    t0 = time.time()
    ds = load_dataset(args.data.resolve(), args.seed, include_noncommercial=args.include_noncommercial,
                      smoke=args.smoke, arena_cap=next(iter(per_model.values()))["arena_cap"])
    log(f"data: train {ds.stats['train']} val {ds.stats['val']}")
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for m in args.models.split(","):
        name = {"bert": "tiny-bert-reward", "llama": "tiny-llama-reward"}[m]
        shutil.rmtree(out / name, ignore_errors=True)  # a rebuild never keeps stale files
        results[m] = (build_bert if m == "bert" else build_llama)(ds, out, args, per_model[m])
        r = results[m]
        log(f"[{name}] val accuracy {r['metrics']['accuracy']:.3f} "
            f"(length-controlled {r['metrics'].get('length_controlled', {}).get('mean', float('nan')):.3f}), "
            f"trained in {r['train_seconds']:.0f}s")
    log(f"done in {time.time() - t0:.0f}s -> {out}")


if __name__ == "__main__":
    main()
