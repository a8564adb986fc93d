"""Where the shipped banks and the schema live, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
