"""Shipped banks built ahead: the checked model of each shipped bank, stored beside it in the package.

Without it, `quiz take myths-facts` imports the YAML loader and every check and builds the model on each
start. A snapshot is used only for a shipped bank whose bytes match banks/checked.json, only when it was
written by this version of quiz from the same model classes, and only model classes can be read back from
it (a restricted unpickler); anything else means the file is checked in full, as any other bank is.
tools/update_bank_manifest.py writes the snapshots and tests/test_bank_manifest.py keeps them true.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path
from typing import Any

import msgspec
from msgspec.structs import fields, replace

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


def _classes() -> list[type]:
    out = []
    for module in _ALLOWED.values():
        for value in vars(module).values():
            if _is_model_class(value) and value.__module__ == module.__name__:
                out.append(value)
    return sorted(out, key=lambda c: (c.__module__, c.__qualname__))


def fingerprint() -> str:
    """This quiz version and the shape of every model class: a snapshot from anything else is ignored."""
    shape = [__version__] + [f"{c.__module__}.{c.__qualname__}:{','.join(f.name for f in fields(c))}"
                             for c in _classes()]
    return hashlib.sha256("\n".join(shape).encode("utf-8")).hexdigest()[:16]


def snapshot_path(bank_file: Path) -> Path:
    """Where the snapshot of a shipped bank file lives."""
    return banks_dir() / FOLDER / f"{bank_file.name}.pickle"


def dumps(bank: Bank) -> bytes:
    """The snapshot of a checked bank (its `file` is set again when it is read)."""
    return pickle.dumps((FORMAT, fingerprint(), bank.content_hash, replace(bank, file="")), protocol=4)


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
    if fmt != FORMAT or print_ != fingerprint() or content_hash != digest or not isinstance(bank, Bank):
        return None
    if bank.content_hash != digest:
        return None
    return replace(bank, file=name)
