"""Weight-only int8 quantization of an ONNX graph, written with the `onnx` package.

Hand-written because onnxruntime's Python quantizer is not packaged by Debian. Weight-only (no activation
quantization) keeps a score independent of the rest of the batch. Each quantized weight becomes an int8
initializer plus a DequantizeLinear node; MatMul/Gemm weights are quantized per output channel, embedding
tables (Gather data) per row; norms and biases stay fp32.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper


def _symmetric_int8(w: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 with one scale per slice along `axis` (zero point 0)."""
    reduce = tuple(i for i in range(w.ndim) if i != axis)
    amax = np.abs(w).max(axis=reduce)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    shape = [1] * w.ndim
    shape[axis] = -1
    q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
    return q, scale


def quantize_weights(src: Path, dst: Path, min_elements: int = 1024) -> dict[str, int]:
    model = onnx.load(str(src))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    # Which initializers feed a weight slot, and along which axis their output channels run.
    targets: dict[str, int] = {}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            targets[node.input[1]] = 1  # [in, out]: one scale per output column
        elif node.op_type == "Gemm" and node.input[1] in inits:
            trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
            targets[node.input[1]] = 0 if trans_b else 1
        elif node.op_type == "Gather" and node.input[0] in inits:
            targets[node.input[0]] = 0  # embedding table: one scale per row (token)
    new_nodes = []
    counts = {"quantized": 0, "kept": 0}
    for name, axis in targets.items():
        w = numpy_helper.to_array(inits[name])
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_elements:
            counts["kept"] += 1
            continue
        q, scale = _symmetric_int8(w, axis)
        graph.initializer.remove(inits[name])
        graph.initializer.extend(
            [
                numpy_helper.from_array(q, f"{name}_quantized"),
                numpy_helper.from_array(scale, f"{name}_scale"),
                numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), f"{name}_zero_point"),
            ]
        )
        # The dequantized tensor keeps the original name, so consumers need no rewiring.
        new_nodes.append(
            helper.make_node(
                "DequantizeLinear",
                [f"{name}_quantized", f"{name}_scale", f"{name}_zero_point"],
                [name],
                name=f"{name}_DequantizeLinear",
                axis=axis,
            )
        )
        counts["quantized"] += 1
    # DequantizeLinear nodes go first so the graph stays topologically sorted.
    nodes = new_nodes + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    return counts

