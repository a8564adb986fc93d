"""Which bank a person means: a file path, or the id of a shipped bank or one of their own."""

from __future__ import annotations

import os
from pathlib import Path

from quiz.errors import UsageError
from quiz.paths import banks_dir, user_banks_dir


def resolve_bank(ref: str) -> Path:
    """A bank path from what a person typed: a file path, or a shipped (then their own) bank's id.

    The path may not exist: an id that names no bank comes back as the path it would be.
    """
    p = Path(ref).expanduser()
    if p.exists() or os.sep in ref or ref.endswith((".yaml", ".yml")):
        return p
    shipped = banks_dir() / f"{ref}.yaml"
    if shipped.exists():
        return shipped
    mine = user_banks_dir() / f"{ref}.yaml"
    return mine if mine.exists() else p


def resolve_bank_or_usage(ref: str) -> Path:
    """The bank file a person named, or a UsageError saying how to name one (exit 2)."""
    path = resolve_bank(ref)
    if not path.exists():
        raise UsageError(f"no bank named `{ref}` (give a file path or a shipped bank's id; `quiz` lists them)")
    if path.is_dir():
        raise UsageError(f"{ref} is a folder; give one bank file")
    return path
