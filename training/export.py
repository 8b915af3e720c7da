"""ONNX export (opset 14, dynamic batch/sequence axes) and the transformers.js config.json files."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import torch
from torch import nn

from models import BertReward, LlamaReward


def export_onnx(model: nn.Module, path: Path) -> None:
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.tensor([[2, 10, 11, 12, 3, 13, 14, 3], [2, 10, 3, 13, 3, 0, 0, 0]], dtype=torch.long)
    mask = (torch.arange(8)[None, :] < torch.tensor([[8], [5]])).long()
    axes = {0: "batch_size", 1: "sequence_length"}
    if isinstance(model, BertReward):
        types = torch.tensor([[0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 0, 0, 0]], dtype=torch.long)
        args: tuple = (ids, mask, types)
        names = ["input_ids", "attention_mask", "token_type_ids"]
    else:
        args = (ids, mask)
        names = ["input_ids", "attention_mask"]
    with warnings.catch_warnings():
        # Tracing warns about shape-derived Python numbers (head size, sqrt): they are constants by design.
        warnings.simplefilter("ignore")
        _export(model, args, path, names, axes)


def _export(model: nn.Module, args: tuple, path: Path, names: list[str], axes: dict[int, str]) -> None:
    torch.onnx.export(
        model,
        args,
        str(path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={**{n: axes for n in names}, "logits": {0: "batch_size"}},
        opset_version=14,
        do_constant_folding=True,
    )


def bert_config(model: BertReward, alpha: float, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "model_type": "bert",
        "architectures": ["BertForSequenceClassification"],
        **model.config.to_dict(),
        "position_embedding_type": "absolute",
        "problem_type": "regression",
        "num_labels": 1,
        "id2label": {"0": "reward"},
        "label2id": {"reward": 0},
        "torch_dtype": "float32",
        "reward_playground": {"alpha": alpha, "default_weights": {"reward": 1}, **extra},
    }


def llama_config(model: LlamaReward, extra: dict[str, Any]) -> dict[str, Any]:
    cfg = model.config.to_dict()
    cfg.pop("num_labels")
    return {
        "model_type": "llama",
        "architectures": ["LlamaForSequenceClassification"],
        **cfg,
        "head_dim": model.config.hidden_size // model.config.num_attention_heads,
        "num_labels": 2,
        "id2label": {"0": "reward", "1": "overall"},
        "label2id": {"reward": 0, "overall": 1},
        "torch_dtype": "float32",
        "use_cache": False,
        "reward_playground": {"default_weights": {"reward": 1, "overall": 0}, **extra},
    }


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
