"""ONNX export of the Hugging Face model and the quantized variants transformers.js loads by `dtype`.

fp32 `model.onnx` (torch.onnx on the transformers model class: the one export path, used by `train` through
publish.py and by `convert` through convert_export.py), q8 `model_quantized.onnx`, q4 `model_q4.onnx`,
fp16 `model_fp16.onnx`, all with onnxruntime's own tools. Weight-only quantization throughout: a score must not
depend on what else is in the batch (onnxruntime's `quantize_dynamic` MatMulInteger path quantizes activations per
batch and moved a score by 8e-4 when a longer sequence joined it).
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import onnx
import onnx.numpy_helper
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
from onnxruntime.transformers.float16 import convert_float_to_float16
from onnxruntime.transformers.onnx_model import OnnxModel
from transformers import PreTrainedModel

FILES = {"fp32": "model.onnx", "q8": "model_quantized.onnx", "q4": "model_q4.onnx", "fp16": "model_fp16.onnx"}
BLOCK = 32  # quantization block along each weight's input dimension
# One protobuf message holds at most 2 GiB: past this many bytes of weights a file keeps them in `<file>_data`.
EXTERNAL_DATA_OVER = 1_800_000_000


def weight_bytes(model: onnx.ModelProto) -> int:
    return sum(len(t.raw_data) or onnx.numpy_helper.to_array(t).nbytes for t in model.graph.initializer)


def save_model(model: onnx.ModelProto, path: Path, external_over: int = EXTERNAL_DATA_OVER) -> bool:
    """Writes `path`, with the weights in `<name>_data` beside it (transformers.js's layout) when they would pass
    `external_over` bytes. Returns whether it did."""
    external = weight_bytes(model) > external_over
    data = path.with_name(path.name + "_data")
    if data.exists():
        data.unlink()
    if external:
        onnx.save(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True, location=data.name)
    else:
        onnx.save(model, str(path))
    return external


class Exported(torch.nn.Module):
    """The classifier with exactly the graph inputs the engine feeds; no KV cache."""

    def __init__(self, model: torch.nn.Module, names: list[str], decoder: bool) -> None:
        super().__init__()
        self.model = model
        self.names = names
        self.decoder = decoder

    def forward(self, *args: torch.Tensor) -> torch.Tensor:
        kw = dict(zip(self.names, args, strict=True))
        if self.decoder:
            kw["use_cache"] = False
        return self.model(**kw).logits


def graph_inputs(model: torch.nn.Module, family: str, position_ids: bool = False) -> list[str]:
    names = ["input_ids", "attention_mask", *(["position_ids"] if position_ids else [])]
    accepts = inspect.signature(model.forward).parameters
    # Token types only where the model has a table for more than one type (BERT, ELECTRA); RoBERTa-style
    # (type_vocab_size 1) and DeBERTa-v3 (0) exports do not take them.
    if family == "encoder" and "token_type_ids" in accepts and getattr(model.config, "type_vocab_size", 0) > 1:
        names.append("token_type_ids")
    return names


def export_fp32(
    model: torch.nn.Module,
    family: str,
    names: list[str],
    dummy: dict[str, np.ndarray],
    dst: Path,
    external_over: int = EXTERNAL_DATA_OVER,
) -> bool:
    """The one torch.onnx export in training/ (`train` and `convert` both): `model`'s logits for exactly the
    inputs `names`, batch and sequence dynamic, traced on `dummy`, then checked by onnx's checker. Returns whether
    the weights went to external data."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    feeds = tuple(torch.from_numpy(dummy[n]) for n in names)
    axes = {n: {0: "batch", 1: "sequence"} for n in names} | {"logits": {0: "batch"}}
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model.onnx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                # eval(): the exporter restores the wrapper's mode afterwards, and a new module is in training
                # mode, which would switch the model's dropout on for the parity run.
                Exported(model, names, family == "decoder").eval(),
                feeds,
                str(raw),
                input_names=names,
                output_names=["logits"],
                dynamic_axes=axes,
                # 18: ReduceMean takes its axes as an input, as in opset 21, which the 4-bit quantizer moves
                # the graph to (int4 tables); an opset-17 RMSNorm graph is invalid after that move.
                opset_version=18,
                dynamo=False,
            )
        proto = onnx.load(str(raw))  # pulls in any external data the exporter wrote
    external = save_model(proto, dst, external_over)
    onnx.checker.check_model(str(dst))  # from the path: works for graphs with external data too
    return external


def initializer_aliases(model: onnx.ModelProto) -> dict[str, str]:
    """The output of each `Identity` over an initializer, to that initializer's name: torch.onnx hands a reused
    weight (one encoder run twice) to its later uses that way."""
    weights = {t.name for t in model.graph.initializer}
    return {n.output[0]: n.input[0] for n in model.graph.node if n.op_type == "Identity" and n.input[0] in weights}


def unshare_matmul_weights(model: onnx.ModelProto) -> None:
    """Gives every MatMul after the first that reads a weight its own copy of it (a weight read through an
    `Identity`, as `initializer_aliases` finds, is hidden from the quantizer)."""
    weights = {t.name: t for t in model.graph.initializer}
    alias = initializer_aliases(model)
    seen: set[str] = set()
    for node in model.graph.node:
        name = alias.get(node.input[1], node.input[1]) if node.op_type == "MatMul" else None
        if name not in weights:
            continue
        if name in seen or node.input[1] != name:
            copy = onnx.TensorProto()
            copy.CopyFrom(weights[name])
            copy.name = f"{name}_for_{node.name}"
            model.graph.initializer.append(copy)
            node.input[1] = copy.name
        seen.add(name)
    used = {i for n in model.graph.node for i in n.input} | {o.name for o in model.graph.output}
    dead = [n for n in model.graph.node if n.op_type == "Identity" and n.output[0] in alias and n.output[0] not in used]
    for n in dead:
        model.graph.node.remove(n)


def quantize_q8(src: Path, dst: Path, external_over: int = EXTERNAL_DATA_OVER, dedupe: bool = False) -> None:
    """int8 weights: the embedding tables through `quantize_dynamic` (Gather only: an int8 table and a
    DequantizeLinear after the lookup), then every MatMul as 8-bit `MatMulNBits` (blocks of 32, symmetric).

    `dedupe`: for a weight that several MatMuls share (one encoder run twice in a graph). The 8-bit quantizer leaves
    such a weight in fp32, so each MatMul gets its own copy first, and after quantizing onnxruntime's
    `remove_duplicated_initializer` keeps one copy of the identical results (it compares every pair: small graphs)."""
    tmp = dst.with_suffix(".gather.onnx")
    large = src.with_name(src.name + "_data").exists()
    quantize_dynamic(
        str(src),
        str(tmp),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["Gather"],
        use_external_data_format=large,
    )
    gathered = onnx.load(str(tmp))
    if dedupe:
        unshare_matmul_weights(gathered)
    q = MatMulNBitsQuantizer(gathered, bits=8, block_size=BLOCK, is_symmetric=True, op_types_to_quantize=("MatMul",))
    q.process()
    if dedupe:
        with contextlib.redirect_stdout(sys.stderr):  # it prints its count; stdout may be a command's JSON
            OnnxModel(q.model.model).remove_duplicated_initializer({})
    q.model.topological_sort()  # as save_model_to_file did
    save_model(q.model.model, dst, external_over)
    for f in tmp.parent.glob(tmp.name + "*"):
        f.unlink()


def quantize_q4(src: Path, dst: Path, external_over: int = EXTERNAL_DATA_OVER) -> None:
    """4-bit `MatMulNBits` for every MatMul and `GatherBlockQuantized` for the embedding tables."""
    q = MatMulNBitsQuantizer(
        onnx.load(str(src)), bits=4, block_size=BLOCK, is_symmetric=True, op_types_to_quantize=("MatMul", "Gather")
    )
    q.process()
    q.model.topological_sort()  # as save_model_to_file did
    save_model(q.model.model, dst, external_over)


def convert_fp16(src: Path, dst: Path, external_over: int = EXTERNAL_DATA_OVER, keep_io_types: bool = True) -> None:
    """fp16 weights and compute; int64 inputs stay as they are, and so does the fp32 `logits` output unless
    `keep_io_types` is False (then it is float16, as in some Hub exports)."""
    save_model(convert_float_to_float16(onnx.load(str(src)), keep_io_types=keep_io_types), dst, external_over)


def build_all(
    model: PreTrainedModel, family: str, names: list[str], dummy: dict[str, np.ndarray], onnx_dir: Path
) -> dict[str, Path]:
    """Every file transformers.js loads by dtype, for a model small enough to keep its weights inline."""
    logging.getLogger("onnxruntime.quantization").setLevel(logging.WARNING)
    paths = {k: onnx_dir / v for k, v in FILES.items()}
    export_fp32(model, family, names, dummy, paths["fp32"])
    quantize_q8(paths["fp32"], paths["q8"])
    quantize_q4(paths["fp32"], paths["q4"])
    convert_fp16(paths["fp32"], paths["fp16"])
    return paths
