"""Copies a converted model folder with its ONNX files in the other layout: one file per graph, or the graph with its
weights in `<file>_data` beside it (transformers.js's layout), and says which in config.json.

The real-scale bench measures both layouts from one conversion: in the browser, weights inside the graph file are
held by ONNX Runtime's WebAssembly memory twice while the session is built (the file's bytes, then the tensors made
from them), where external data is copied from JavaScript straight into the tensors.

    python onnx_layout.py SRC DST --external | --single
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import onnx

from onnx_build import save_model


def relayout(src: Path, dst: Path, external: bool) -> dict[str, int]:
    """Writes `dst` (which must not exist) from `src`; returns config.json's `use_external_data_format`."""
    if dst.exists():
        raise SystemExit(f"{dst} exists: name a new folder")
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.onnx", "*.onnx_data*"))
    big: dict[str, int] = {}
    for graph in sorted((src / "onnx").glob("*.onnx")):
        model = onnx.load(str(graph), load_external_data=True)
        if save_model(model, dst / "onnx" / graph.name, external_over=0 if external else 2**62):
            big[graph.name] = 1
    config_path = dst / "config.json"
    config = json.loads(config_path.read_text())
    tjs = {k: v for k, v in config.get("transformers.js_config", {}).items() if k != "use_external_data_format"}
    if big:
        tjs["use_external_data_format"] = big
    if tjs:
        config["transformers.js_config"] = tjs
    else:
        config.pop("transformers.js_config", None)
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    return big


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    layout = ap.add_mutually_exclusive_group(required=True)
    layout.add_argument("--external", action="store_true", help="weights in <file>_data beside each graph")
    layout.add_argument("--single", action="store_true", help="one file per graph")
    args = ap.parse_args()
    big = relayout(args.src, args.dst, args.external)
    print(f"{args.dst}: {len(big)} graph(s) with external data")


if __name__ == "__main__":
    main()
