"""What `reward-playground convert` checks before it loads anything heavy (torch, transformers): the source (a folder,
or a Hub id when the Hub answers), its config.json, whether its architecture is one convert exports exactly, and the
arguments. Kept apart from convert_export.py so a refusal answers in a second, not after importing torch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ENCODER_TYPES = {"bert", "roberta", "xlm-roberta", "deberta-v2", "distilbert", "electra", "mpnet"}
DECODER_TYPES = {"llama", "qwen2", "qwen3", "gemma2", "mistral"}
DTYPES = ("fp32", "fp16", "q8", "q4")


class Refused(Exception):
    """The input cannot be converted (exit 2)."""


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------------- source


def _hub_failure(source: str, e: Exception) -> Refused:
    return Refused(
        f"cannot download {source} from the Hugging Face Hub ({type(e).__name__}: {str(e).splitlines()[0]}). "
        f"Convert works offline on a folder: download it where the Hub is reachable "
        f"(hf download {source} --local-dir DIR) and run convert on DIR."
    )


# Everything but the weights: enough to check the model before downloading gigabytes.
HUB_SMALL_FILES = ["*.json", "*.jinja", "*.txt", "*.model", "*.py"]
HUB_IGNORE = ["onnx/*", "*/onnx/*", "optimizer*", "training_args*", "*/*"]


def resolve_source(source: str) -> tuple[Path, str]:
    """A local folder as is; for a Hub id, its small files (config, tokenizer, any model code) downloaded when the
    Hub answers; `fetch_hub_weights` gets the weights once the checks have passed."""
    path = Path(source).expanduser()
    if path.is_dir():
        return path.resolve(), "folder"
    if path.exists():
        raise Refused(f"{source} is a file; pass the checkpoint's folder (the one holding config.json)")
    parts = source.split("/")
    if len(parts) != 2 or not all(parts) or source.startswith((".", "/", "~")):
        raise Refused(f"{source}: no such folder, and not a Hub id (owner/name)")
    from huggingface_hub import snapshot_download

    log(f"downloading {source}'s configuration and tokenizer from the Hugging Face Hub…")
    try:
        got = snapshot_download(source, allow_patterns=HUB_SMALL_FILES, ignore_patterns=HUB_IGNORE)
    except Exception as e:  # noqa: BLE001 - every failure here means the same to the user
        raise _hub_failure(source, e) from None
    return Path(got), "hub"


def fetch_hub_weights(source: str) -> None:
    """The weights of a Hub checkpoint, into the same snapshot: safetensors when it has them, else PyTorch .bin."""
    from huggingface_hub import HfApi, snapshot_download

    log(f"downloading {source}'s weights…")
    try:
        files = HfApi().list_repo_files(source)
        top = [f for f in files if "/" not in f]
        pattern = "*.safetensors" if any(f.endswith(".safetensors") for f in top) else "*.bin"
        snapshot_download(source, allow_patterns=[pattern, "*.json"], ignore_patterns=HUB_IGNORE)
    except Exception as e:  # noqa: BLE001
        raise _hub_failure(source, e) from None


def read_raw_config(folder: Path) -> dict[str, Any]:
    cfg_path = folder / "config.json"
    if not cfg_path.is_file():
        raise Refused(f"{folder} has no config.json: not a Hugging Face checkpoint folder")
    try:
        raw = json.loads(cfg_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise Refused(f"{cfg_path} is not valid JSON ({e})") from None
    if not isinstance(raw, dict):
        raise Refused(f"{cfg_path} is not a JSON object")
    return raw


def check_supported(folder: Path, raw: dict[str, Any]) -> str:
    """The family ('encoder' | 'decoder'), or Refused with the reason."""
    archs = raw.get("architectures") or []
    model_type = raw.get("model_type", "?")
    custom = sorted(p.name for p in folder.glob("*.py"))
    if raw.get("auto_map") or custom:
        raise Refused(
            f"{folder.name} ships its own model code ({', '.join(custom) or 'auto_map in config.json'}; "
            f"architectures: {', '.join(archs) or 'none'}). convert runs no remote code, and a custom head "
            "(such as ArmoRM's gating over 19 objectives) is not a plain *ForSequenceClassification, so the "
            "export would not be the model. Not converted."
        )
    cls = [a for a in archs if a.endswith("ForSequenceClassification")]
    if not cls:
        raise Refused(
            f"{folder.name} is a {', '.join(archs) or model_type} checkpoint, not a *ForSequenceClassification "
            "reward model (its config.json names no such architecture); there is no reward head to export."
        )
    if model_type in ENCODER_TYPES:
        return "encoder"
    if model_type in DECODER_TYPES:
        return "decoder"
    known = ", ".join(sorted(ENCODER_TYPES | DECODER_TYPES))
    raise Refused(
        f"{folder.name}: {cls[0]} (model_type {model_type!r}) is not one of the architectures convert exports and "
        f"checks ({known}). Not converted, rather than risk a graph that scores differently."
    )


def parse_dtypes(text: str) -> list[str]:
    got = [d.strip() for d in text.split(",") if d.strip()]
    bad = [d for d in got if d not in DTYPES]
    if bad or not got:
        raise Refused(f"--dtype {text!r}: expected a comma-separated list of {', '.join(DTYPES)}")
    return list(dict.fromkeys(got))
