"""Rebuild a PyTorch BERT reward model from its published q8 ONNX file (MatMulNBits 8-bit blocks, quantized Gathers).

Only the q8 file of the shipped model is committed (size budget), so continuing training from the shipped model
starts here. The dequantized weights are exactly the ones the q8 graph multiplies with, so the rebuilt model
scores as the published one does (run this file on a model folder to check: test/training/from-onnx.test.ts does).
From a form-head folder (form_head.py export) it reads the cross-encoder alone, without the tower and the head.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from transformers import BertConfig, BertForSequenceClassification

from onnx_build import initializer_aliases


def dequantized_state(onnx_path: Path) -> dict[str, torch.Tensor]:
    m = onnx.load(str(onnx_path))
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    alias = initializer_aliases(m)  # a form-head graph's tower, run twice, reads its weights through Identities
    state: dict[str, np.ndarray] = {}
    for n in m.graph.node:
        if n.op_type == "MatMulNBits":
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            if attrs["bits"] != 8 or len(n.input) > 3:
                raise SystemExit(f"{onnx_path}: {n.name}: only 8-bit MatMulNBits without zero points is supported")
            q, scales = inits[n.input[1]], inits[n.input[2]]
            w = (q.astype(np.float32) - 128.0) * scales[:, :, None]
            w = w.reshape(attrs["N"], -1)[:, : attrs["K"]]
            # The Add after the MatMul carries the layer's bias, whose name gives the weight's.
            bias = [alias.get(i, i) for c in consumers[n.output[0]] for i in c.input]
            bias = [i for i in bias if i.endswith(".bias") and i in inits]
            if len(bias) != 1:
                raise SystemExit(f"{onnx_path}: {n.name}: no bias names its layer")
            state[own(bias[0]).removesuffix(".bias") + ".weight"] = w
        elif n.op_type == "DequantizeLinear" and n.input[1].endswith(".weight_scale"):
            name = own(n.input[1].removesuffix("_scale"))
            gather = next(g for g in m.graph.node if n.input[0] in g.output)
            q = inits[gather.input[0]]
            state[name] = (q.astype(np.float32) - inits[n.input[2]].astype(np.float32)) * inits[n.input[1]]
    for name, value in inits.items():
        if name.endswith((".weight", ".bias")) and value.dtype == np.float32:
            state.setdefault(own(name), value)
    # Only the cross-encoder's own weights: a form-head graph (form_head.py export) also holds the tower and the head.
    return {
        k: torch.from_numpy(np.array(v, dtype=np.float32))
        for k, v in state.items()
        if k.startswith(("bert.", "classifier."))
    }


def own(name: str) -> str:
    """A weight's name in the cross-encoder: the export wrapper of a form-head graph adds `model.`."""
    return name.removeprefix("model.")


def load_from_onnx(model_dir: Path) -> BertForSequenceClassification:
    config = BertConfig.from_dict(json.loads((model_dir / "config.json").read_text()))
    model = BertForSequenceClassification(config)
    state = dequantized_state(model_dir / "onnx" / "model_quantized.onnx")
    expected = {k for k in model.state_dict() if not k.endswith("position_ids")}
    missing, extra = expected - set(state), set(state) - expected
    if missing or extra:
        raise SystemExit(f"{model_dir}: weights missing {sorted(missing)[:5]}, unexpected {sorted(extra)[:5]}")
    model.load_state_dict(state, strict=False)
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model_dir", type=Path)
    args = ap.parse_args()
    import onnxruntime as ort
    from transformers import AutoTokenizer

    model = load_from_onnx(args.model_dir).eval()
    tok = AutoTokenizer.from_pretrained(args.model_dir)
    enc = tok(
        ["What is 2+2?", "Capital of France?"], ["4.", "Paris is the capital."], return_tensors="np", padding=True
    )
    sess = ort.InferenceSession(str(args.model_dir / "onnx" / "model_quantized.onnx"))
    feeds = {i.name: enc[i.name].astype(np.int64) for i in sess.get_inputs()}
    want = sess.run(None, feeds)[0]
    with torch.no_grad():
        got = model(**{k: torch.from_numpy(v.astype(np.int64)) for k, v in feeds.items()}).logits.numpy()
    diff = float(np.abs(want - got).max())
    print(f"onnx {want.ravel()} torch {got.ravel()} max diff {diff:.2e}")
    if diff > 1e-4:
        raise SystemExit(f"{args.model_dir}: the rebuilt model scores differently from its q8 ONNX file")
    print("ok: the rebuilt model scores as the q8 ONNX file does")


if __name__ == "__main__":
    main()
