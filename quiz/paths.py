"""Where things live: the shipped banks and the schema (installed or in a source checkout), and the
person's own folders (from platformdirs). Nothing here creates a folder."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP = "quiz"

_PKG = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    # Installed wheels carry `quiz/banks` and `quiz/schemas`; an editable install or a source checkout
    # has them at the top of the repository, one level up.
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent / name


@cache
def banks_dir() -> Path:
    """The folder of shipped banks."""
    return _first_existing("banks")


@cache
def schema_path() -> Path:
    """The bank JSON Schema file."""
    return _first_existing("schemas") / "bank.schema.json"


def shipped_banks() -> list[Path]:
    """The shipped bank files, sorted by name."""
    d = banks_dir()
    return sorted(d.glob("*.yaml")) if d.is_dir() else []



def user_data_dir() -> Path:
    """Where saved sessions and the person's own banks live (created only when they save)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_banks_dir() -> Path:
    """The person's own banks folder, listed by the launcher."""
    return user_data_dir() / "banks"


def sessions_dir() -> Path:
    """Where saved sessions go unless the person picks a path."""
    return user_data_dir() / "sessions"


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
