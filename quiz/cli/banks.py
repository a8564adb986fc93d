"""Which bank a person means: a file path, or the id of a shipped bank or one of their own."""

from __future__ import annotations

from pathlib import Path

from quiz.errors import UsageError
from quiz.paths import resolve_bank


def resolve_bank_or_usage(ref: str) -> Path:
    """The bank file a person named, or a UsageError saying how to name one (exit 2)."""
    path = resolve_bank(ref)
    if not path.exists():
        raise UsageError(f"no bank named `{ref}` (give a file path or a shipped bank's id; `quiz` lists them)")
    if path.is_dir():
        raise UsageError(f"{ref} is a folder; give one bank file")
    return path
