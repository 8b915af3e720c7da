"""The default encoder's architecture in every dtype, for the speed bench (bench/encoder.bench.ts).

The shipped minilm-reward folder holds only q8, and its fine-tuned PyTorch weights are not kept. Speed depends on
the graph and the dtype, not on the weights' values, so the bench builds all four dtypes from the same pretrained
checkpoint the default model was fine-tuned from (all-MiniLM-L6-v2, `pretrained.ENCODER`) with a one-unit
`BertForSequenceClassification` head, through the same export and quantizers as `npm run train` (onnx_build.py).

It also writes single-MatMul graphs of the encoder's feed-forward shape (384 → 1536) in fp32 and as 8- and 4-bit
`MatMulNBits`, so the bench can time the op that dominates the encoder's profile alone in each runtime.

    node training/python.mjs bench_dtypes.py OUT_DIR     (writes OUT_DIR/onnx/model*.onnx and OUT_DIR/ops/*.onnx;
                                                          skips files present)
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
from transformers import BertForSequenceClassification

from onnx_build import BLOCK, FILES, convert_fp16, export_fp32, graph_inputs, quantize_q4, quantize_q8
from pretrained import ENCODER, locate

OP_SHAPE = (384, 1536)  # all-MiniLM-L6-v2's feed-forward up-projection


def matmul_graph() -> onnx.ModelProto:
    """x[m, 384] @ W[384, 1536] with a fixed random W, opset 17 (as the export)."""
    w = np.random.default_rng(0).standard_normal(OP_SHAPE).astype(np.float32) * 0.05
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["y"])],
        "matmul",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["m", OP_SHAPE[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["m", OP_SHAPE[1]])],
        [numpy_helper.from_array(w, "W")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # as torch.onnx's export; onnx's newest IR is past what onnxruntime-node reads
    return model


def write_op_models(ops_dir: Path) -> None:
    ops_dir.mkdir(parents=True, exist_ok=True)
    fp32 = matmul_graph()
    onnx.save(fp32, str(ops_dir / "matmul_fp32.onnx"))
    for bits in (8, 4):
        q = MatMulNBitsQuantizer(
            matmul_graph(), bits=bits, block_size=BLOCK, is_symmetric=True, op_types_to_quantize=("MatMul",)
        )
        q.process()
        onnx.save(q.model.model, str(ops_dir / f"matmul_q{bits}.onnx"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: bench_dtypes.py OUT_DIR", file=sys.stderr)
        return 2
    onnx_dir = Path(argv[0]) / "onnx"
    paths = {k: onnx_dir / v for k, v in FILES.items()}
    logging.getLogger("onnxruntime.quantization").setLevel(logging.WARNING)
    if not (Path(argv[0]) / "ops" / "matmul_q4.onnx").exists():
        write_op_models(Path(argv[0]) / "ops")
    if all(p.exists() for p in paths.values()):
        return 0
    logging.getLogger("onnxruntime.quantization").setLevel(logging.WARNING)
    torch.manual_seed(0)
    # Eager attention, as publish.py exports the shipped model: the SDPA export adds a Where and an IsNaN over
    # every [batch, heads, L, L] score tensor, 13–15 % of onnxruntime-node's time at 8 × 256.
    model = BertForSequenceClassification.from_pretrained(
        str(locate(ENCODER).path), num_labels=1, attn_implementation="eager"
    ).eval()
    if not paths["fp32"].exists():
        names = graph_inputs(model, "encoder")
        # Two rows of different lengths, padded, as publish.py traces the shipped model.
        ids = np.array([[101, 2054, 2003, 102, 3000, 102], [101, 2054, 102, 3000, 102, 0]], dtype=np.int64)
        dummy = {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64), "token_type_ids": np.zeros_like(ids)}
        export_fp32(model, "encoder", names, {k: v for k, v in dummy.items() if k in names}, paths["fp32"])
    steps = {"q8": quantize_q8, "q4": quantize_q4, "fp16": convert_fp16}
    for dtype, step in steps.items():
        if not paths[dtype].exists():
            step(paths["fp32"], paths[dtype])
    for dtype, p in paths.items():
        print(f"{dtype}: {p} ({p.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
