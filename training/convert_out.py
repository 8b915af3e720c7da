"""Where `reward-playground convert` writes: `--out` is replaced only when convert wrote it (a marker file inside it
says so), never through a symbolic link, and only once a complete new folder exists beside it (a failed or
interrupted conversion leaves the previous output as it was).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from convert_checks import Refused

# Written into every folder convert produces; `--overwrite` removes only a folder that holds it.
MARKER = ".reward-playground-convert"
WRITTEN_BY = "reward-playground convert"


def out_path(text: str | Path) -> Path:
    """`--out` made absolute without resolving links: a link named as --out stays a link, to be refused."""
    return Path(os.path.abspath(Path(text).expanduser()))


def _written_by_convert(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        got = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(got, dict) and got.get("written_by") == WRITTEN_BY


def _listing(entries: list[str]) -> str:
    shown = ", ".join(entries[:5])
    return shown + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")


def check_out(out: Path, overwrite: bool) -> None:
    """Refused unless `out` may be written: absent, an empty folder, or (with --overwrite) a folder convert wrote."""
    if out.is_symlink():
        raise Refused(
            f"--out {out} is a symbolic link (to {os.readlink(out)}); convert never writes or removes anything "
            "through a link. Pass the real folder's path, or a new one."
        )
    if not out.exists():
        return
    if not out.is_dir():
        raise Refused(f"--out {out} is a file, not a folder; convert writes (and replaces) only folders")
    entries = sorted(p.name for p in out.iterdir())
    if not entries:
        return
    if _written_by_convert(out):
        if not overwrite:
            raise Refused(f"{out} already exists and is not empty; pass --overwrite to replace it")
        return
    raise Refused(
        f"{out} already exists and was not written by convert (it has no {MARKER} file; it holds "
        f"{_listing([e for e in entries if e != MARKER])}), so "
        + ("--overwrite does not replace it: " if overwrite else "")
        + "convert replaces only a folder it wrote itself. Pass a new --out, such as "
        f"{out / 'my-model'}, or remove {out} yourself."
    )


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it
    os.umask(current)
    return current


def work_folder(out: Path) -> Path:
    """A fresh hidden folder beside `out` (same file system, so the final move is a rename); model lists skip it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))


def finish(work: Path, out: Path, overwrite: bool, provenance: dict[str, Any]) -> None:
    """Marks `work` as convert's, then puts it at `out`; an earlier output there is removed only after the new one
    is in place."""
    (work / MARKER).write_text(json.dumps({"written_by": WRITTEN_BY, **provenance}, indent=1) + "\n", encoding="utf-8")
    # mkdtemp made it private (0700); the output is an ordinary folder, as mkdir under the user's umask makes one.
    work.chmod(0o777 & ~_umask())
    check_out(out, overwrite)  # again: the conversion took minutes, and the folder may have changed meanwhile
    if not out.exists():
        work.rename(out)
        return
    # `out` is a real folder convert wrote, or an empty one: move it aside, move the new one in, then delete it.
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old = aside / out.name
    out.rename(old)
    try:
        work.rename(out)
    except BaseException:
        old.rename(out)
        shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside)  # rmtree removes links inside, never what they point to
