"""The sizes in a checkpoint's config.json, checked before transformers allocates the model they describe: each
against a limit far beyond any released model, and together against the tensors the weight files hold (read from
the safetensors headers, no tensor loaded). A typo or a hostile config.json is refused here in a second, instead of
running until memory runs out or exporting layers that transformers filled with random numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from convert_checks import Refused

# (names the field goes by in the supported families, limit). The largest released dense models have about 126
# layers, hidden size 16-20k, feed-forward width 50-75k, 128 heads, vocabularies up to 262k.
LIMITS: dict[str, tuple[tuple[str, ...], int]] = {
    "layers": (("num_hidden_layers", "n_layers", "n_layer", "num_layers"), 512),
    "hidden": (("hidden_size", "dim", "d_model", "n_embd", "embedding_size"), 65_536),
    "intermediate": (("intermediate_size", "hidden_dim", "ffn_dim", "n_inner"), 262_144),
    "heads": (("num_attention_heads", "n_heads", "n_head", "num_key_value_heads"), 1024),
    "head_dim": (("head_dim",), 4096),
    "vocab": (("vocab_size",), 1_048_576),
    "types": (("type_vocab_size",), 1024),
    "labels": (("num_labels",), 65_536),
}
# Learned absolute positions (encoders) are a table of positions × hidden; rotary positions (decoders) are not
# stored, and some decoders announce 10 M.
POSITION_FIELDS = ("max_position_embeddings", "n_positions")
POSITION_LIMIT = {"encoder": 65_536, "decoder": 16_777_216}
# The config may describe somewhat more than the weights hold (tied tables, buffers, an estimate's slack), never this
# many times more.
OVER_WEIGHTS = 4.0


def _int_field(raw: dict[str, Any], name: str) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(f"config.json: {name} is {value!r}, not a whole number")
    if value < 0:
        raise Refused(f"config.json: {name} is {value}, a negative size")
    return value


def first_field(raw: dict[str, Any], names: tuple[str, ...]) -> tuple[str, int] | None:
    for name in names:
        value = _int_field(raw, name)
        if value is not None:
            return name, value
    return None


def check_limits(raw: dict[str, Any], family: str) -> None:
    for names, limit in LIMITS.values():
        for name in names:
            value = _int_field(raw, name)
            if value is not None and value > limit:
                raise Refused(
                    f"config.json: {name} is {value:,}, far beyond any real model (convert accepts up to {limit:,}); "
                    "refused before allocating it. Check the checkpoint's config.json."
                )
    for name in POSITION_FIELDS:
        value = _int_field(raw, name)
        if value is not None and value > POSITION_LIMIT[family]:
            raise Refused(
                f"config.json: {name} is {value:,}, far beyond any real {family} (convert accepts up to "
                f"{POSITION_LIMIT[family]:,}); refused before allocating it."
            )
    id2label = raw.get("id2label")
    if isinstance(id2label, dict) and len(id2label) > LIMITS["labels"][1]:
        raise Refused(f"config.json: id2label has {len(id2label):,} labels (convert accepts up to 65,536)")


def weight_shapes(folder: Path) -> dict[str, list[int]] | None:
    """Every tensor's shape from the safetensors headers (no tensor is read), or None without safetensors files."""
    files = sorted(folder.glob("*.safetensors"))
    if not files:
        return None
    from safetensors import safe_open

    shapes: dict[str, list[int]] = {}
    for f in files:
        try:
            with safe_open(str(f), framework="numpy") as st:
                for key in st.keys():  # noqa: SIM118 - safe_open is not a mapping
                    shapes[key] = list(st.get_slice(key).get_shape())
        except Exception as e:  # noqa: BLE001 - any unreadable header means the same to the user
            raise Refused(f"{f} is not a readable safetensors file ({type(e).__name__}: {e})") from None
    return shapes


LAYER_INDEX = re.compile(r"(?:^|\.)(?:layer|layers|h|block|blocks)\.(\d+)\.")


def estimated_parameters(raw: dict[str, Any]) -> int:
    """A rough count from the config (embeddings + per layer: attention 4·h², feed-forward 3·h·i), for the sizes
    that dominate memory; only compared with the weights within a generous factor."""

    def get(key: str) -> int:
        got = first_field(raw, LIMITS[key][0])
        return got[1] if got else 0

    hidden, layers, vocab = get("hidden"), get("layers"), get("vocab")
    inter = get("intermediate") or 4 * hidden
    positions = max((first_field(raw, (n,)) or ("", 0))[1] for n in POSITION_FIELDS)
    learned = (
        positions
        if raw.get("model_type") in {"bert", "roberta", "xlm-roberta", "distilbert", "electra", "mpnet"}
        else 0
    )
    return (vocab + learned) * hidden + layers * (4 * hidden * hidden + 3 * hidden * inter)


def check_against_weights(folder: Path, raw: dict[str, Any]) -> None:
    """Refused when config.json describes more layers, or many more parameters, than the weight files hold."""
    shapes = weight_shapes(folder)
    if shapes is None:
        return  # PyTorch .bin weights: no header to read; the loading report (convert_export) still checks them
    held = sum(_product(s) for s in shapes.values())
    indices = {int(m.group(1)) for k in shapes if (m := LAYER_INDEX.search(k))}
    layers = first_field(raw, LIMITS["layers"][0])
    if layers and indices and layers[1] > max(indices) + 1:
        name, want = layers
        raise Refused(
            f"config.json: {name} is {want:,} but the weights hold {max(indices) + 1} layers "
            f"(0–{max(indices)}); transformers would fill the rest with random numbers. Not converted."
        )
    estimate = estimated_parameters(raw)
    if held and estimate > OVER_WEIGHTS * held:
        named = ", ".join(
            f"{got[0]} {got[1]:,}"
            for key in ("layers", "hidden", "intermediate", "vocab")
            if (got := first_field(raw, LIMITS[key][0]))
        )
        raise Refused(
            f"config.json describes about {estimate:,} parameters ({named}) but the weights hold {held:,}: "
            "a size in config.json does not match the weights. Not converted."
        )


def _product(shape: list[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n
