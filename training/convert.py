"""`reward-playground convert`: a Hugging Face `*ForSequenceClassification` checkpoint → the folder the engine loads.

    node training/python.mjs convert.py <hub-id | folder> --out DIR [--dtype fp32,fp16,q8,q4] [--overwrite]
        [--allow-missing]

Writes, in transformers.js's layout: `config.json` (labels, `reward_playground` block: alpha, default weights,
family, maximum length, provenance), the tokenizer files with the chat template, `onnx/model*.onnx` (external data in
`onnx/<file>_data` when a file's weights pass 200 MB), `parity.json` (PyTorch against onnxruntime on the fixed
cases of cases.py, fed exactly as the engine feeds them) and a card stub `README.md`.

Only architectures whose export is known to be exact are converted; anything else (custom code, an unknown
`*ForSequenceClassification`, a model that is not a classifier) stops with a message instead of a wrong model, and
so do weights that do not fill the model (convert_sizes.py, and transformers' loading report in convert_export.py).
`--out` is replaced only when convert wrote it (convert_out.py).
Exit status: 0 done, 2 refused (bad input, unsupported model), 1 failed (including a parity failure in fp32).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Any

from convert_checks import (
    Refused,
    check_supported,
    fetch_hub_weights,
    log,
    parse_dtypes,
    read_raw_config,
    resolve_source,
)
from convert_out import check_out, out_path
from convert_sizes import check_against_weights, check_limits

# Weights over 200 MB go beside the graph (`<file>_data`). One protobuf message holds at most 2 GiB anyway, and in
# the browser a graph with external data loads at a lower peak: ONNX Runtime Web copies those weights from the
# fetched bytes straight into its tensors instead of first holding the whole file in WebAssembly memory (a 0.6B
# decoder's q8: 2.3x the file against 3.6x in one file, BENCHMARKS.md "Real scale").
EXTERNAL_DATA_OVER = 200_000_000


def convert(
    source: str,
    out: Path,
    dtypes: list[str],
    overwrite: bool,
    external_over: int = EXTERNAL_DATA_OVER,
    *,
    allow_missing: bool = False,
    position_ids: bool = False,
    fp16_io: bool = False,
) -> dict[str, Any]:
    """`allow_missing` converts a checkpoint whose weights lack tensors the model has (or hold ones it does not use),
    saying in the card which were random. `position_ids` (a graph that takes them) and `fp16_io` (float16 logits)
    make the exports some Hub repositories ship, so the engine's handling of them is tested; the command line does
    not offer them."""
    out = out_path(out)
    check_out(out, overwrite)
    folder, kind = resolve_source(source)
    raw = read_raw_config(folder)
    family = check_supported(folder, raw)
    check_limits(raw, family)
    log(f"{source}: {raw['architectures'][0]} ({raw['model_type']}, {family})")
    if kind == "hub":
        fetch_hub_weights(source)
    check_against_weights(folder, raw)
    from convert_export import export_checkpoint  # torch and transformers load only now

    return export_checkpoint(
        source,
        folder,
        kind,
        raw,
        family,
        out,
        dtypes,
        external_over,
        overwrite=overwrite,
        allow_missing=allow_missing,
        position_ids=position_ids,
        fp16_io=fp16_io,
    )


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="reward-playground convert", description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="Hugging Face Hub id (owner/name) or a local checkpoint folder")
    ap.add_argument(
        "--out",
        required=True,
        type=Path,
        help="folder to write (must not exist, or be empty, unless --overwrite; a folder convert did not write is "
        "never replaced)",
    )
    ap.add_argument("--dtype", default="fp32,fp16,q8,q4", help="files to build (default: fp32,fp16,q8,q4)")
    ap.add_argument("--overwrite", action="store_true", help="replace --out when it is a folder convert wrote")
    ap.add_argument(
        "--allow-missing",
        action="store_true",
        help="convert even when the weights lack tensors the model needs (they are random; the card lists them)",
    )
    ap.add_argument("--external-data-over-mb", type=float, default=EXTERNAL_DATA_OVER / 1e6, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    # A terminated run (a closed terminal, `kill`) unwinds like Ctrl-C: the half-written folder beside --out is
    # removed and the previous output stays.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        convert(
            args.source,
            args.out,
            parse_dtypes(args.dtype),
            args.overwrite,
            int(args.external_data_over_mb * 1e6),
            allow_missing=args.allow_missing,
        )
    except Refused as e:
        print(f"reward-playground convert: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"reward-playground convert: interrupted; {out_path(args.out)} was left as it was", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - a message, not a trace (RP_DEBUG=1 for the trace)
        if os.environ.get("REWARD_PLAYGROUND_DEBUG"):
            raise
        print(f"reward-playground convert: failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
