"""Shipped banks built ahead: the checked model of each shipped bank, stored beside it in the package.

Without it, `quiz take myths-facts` imports the YAML loader and every check and builds the model on each
start. A snapshot is used only where a bank is loaded to be taken or used (never by `quiz validate`,
`quiz test` or the preview, which always check in full), only for a shipped bank whose bytes match
banks/checked.json, only when it was written by this version of quiz from the same code (the source of
every module that builds a bank is hashed into it), and only model classes can be read back from it (a
restricted unpickler); anything else means the file is checked in full, as any other bank is.
tools/update_bank_manifest.py writes the snapshots and tests/test_bank_manifest.py keeps them true.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import pickle
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import replace

from quiz import __version__, model
from quiz.conditions import nodes
from quiz.model import Bank
from quiz.resources import banks_dir

FOLDER = "built"
"""In `banks/`: one `<bank file name>.pickle` per shipped bank."""

FORMAT = 1
_ALLOWED = {model.__name__: model, nodes.__name__: nodes}


def _is_model_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, msgspec.Struct)


BUILT_FROM = ("quiz.loader", "quiz.bank_facts", "quiz.condition_checks", "quiz.semantics", "quiz.build",
              "quiz.model", "quiz.conditions.nodes", "quiz.conditions.parser")
"""The modules whose code decides what a checked bank's model holds: a change to any of them (even
one that keeps every field name) makes every snapshot stale."""


@cache
def fingerprint() -> str | None:
    """This quiz version and the source of every module that builds a bank, hashed; None when the
    sources cannot be read (then no snapshot is used)."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for name in BUILT_FROM:
        spec = importlib.util.find_spec(name)  # finds the file without importing the module
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            return None
        try:
            digest.update(Path(spec.origin).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()[:16]


def snapshot_path(bank_file: Path) -> Path:
    """Where the snapshot of a shipped bank file lives."""
    return banks_dir() / FOLDER / f"{bank_file.name}.pickle"


def dumps(bank: Bank) -> bytes:
    """The snapshot of a checked bank (its `file` is set again when it is read)."""
    made_by = fingerprint()
    if made_by is None:
        raise RuntimeError("the sources of quiz's bank modules cannot be read; no snapshot can be made")
    return pickle.dumps((FORMAT, made_by, bank.content_hash, replace(bank, file="")), protocol=4)


class _ModelOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        owner = _ALLOWED.get(module)
        value = getattr(owner, name, None) if owner is not None else None
        if not _is_model_class(value):
            raise pickle.UnpicklingError(f"{module}.{name} is not a bank model class")
        return value


def read(bank_file: Path, digest: str, name: str) -> Bank | None:
    """The snapshot of `bank_file` if it is sound and matches `digest` (its SHA-256), else None."""
    try:
        data = snapshot_path(bank_file).read_bytes()
        fmt, print_, content_hash, bank = _ModelOnly(io.BytesIO(data)).load()
    except Exception:  # missing, unreadable or from elsewhere: check the bank in full instead
        return None
    made_by = fingerprint()
    if made_by is None or fmt != FORMAT or print_ != made_by or content_hash != digest or not isinstance(bank, Bank):
        return None
    if bank.content_hash != digest:
        return None
    return replace(bank, file=name)
