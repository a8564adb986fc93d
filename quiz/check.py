"""The front door of the core: load, check and build a bank, or collect every problem with a place."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.errors import BankError, Problem
from quiz.reading import decode, read_bytes
from quiz.resources import banks_dir

if TYPE_CHECKING:
    from quiz.model import Bank


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one file: the bank when it is sound, and every problem otherwise."""

    file: str
    bank: Bank | None
    problems: tuple[Problem, ...]


def check_text(text: str, name: str, content_hash: str = "", *, schema_checked: bool = False) -> CheckResult:
    """Check bank text already in memory.

    `schema_checked` skips the JSON Schema pass for text known to pass it (a shipped bank whose hash
    is in the manifest); every other check still runs.
    """
    # Imported here: a shipped bank read from its snapshot (check_file) needs none of them.
    from quiz.build import build_bank
    from quiz.loader import load_text
    from quiz.schema import schema_problems
    from quiz.semantics import semantic_problems

    try:
        doc = load_text(text, name)
    except BankError as exc:
        return CheckResult(name, None, tuple(exc.problems))
    problems = [] if schema_checked else schema_problems(doc)
    more, facts = semantic_problems(doc)
    problems.extend(p for p in more if p not in problems)
    if problems:
        return CheckResult(name, None, tuple(sorted(set(problems))))
    digest = content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        bank = build_bank(doc, facts, digest)
    except (KeyError, TypeError, ValueError) as exc:  # a gap in the checks; never a traceback
        return CheckResult(name, None, (Problem(name, 0, 0, "", f"internal check gap: {exc!r}",
                                                "please report this bank to the quiz authors"),))
    return CheckResult(name, bank, ())


def check_file(path: str | os.PathLike[str], display: str | None = None, *,
               use_snapshot: bool = False) -> CheckResult:
    """Read and check one bank file.

    `use_snapshot` lets an unchanged shipped bank load from its built model (quiz.snapshot) instead of
    being checked again: for taking or using a bank, never for validating it.
    """
    name = display or str(path)
    try:
        raw = read_bytes(path, name)
    except BankError as exc:
        return CheckResult(name, None, tuple(exc.problems))
    digest = hashlib.sha256(raw).hexdigest()
    shipped = is_checked_shipped(path, digest)
    if shipped and use_snapshot:
        from quiz import snapshot

        bank = snapshot.read(Path(path), digest, name)
        if bank is not None:
            return CheckResult(name, bank, ())
    try:
        text = decode(raw, name)
    except BankError as exc:
        return CheckResult(name, None, tuple(exc.problems))
    return check_text(text, name, digest, schema_checked=shipped)


MANIFEST = "checked.json"
"""In `banks/`: the SHA-256 of each shipped bank, kept true by tests/test_bank_manifest.py."""


@cache
def _manifest() -> dict[str, str]:
    try:
        with (banks_dir() / MANIFEST).open(encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def is_checked_shipped(path: str | os.PathLike[str], digest: str) -> bool:
    """Whether this exact file content is a shipped bank the test suite schema-checked."""
    p = Path(path)
    try:
        if p.resolve().parent != banks_dir().resolve():
            return False
    except OSError:
        return False
    return _manifest().get(p.name) == digest


def manifest_text() -> str:
    """The manifest for the current shipped banks (written by tools/update_bank_manifest.py)."""
    sums = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(banks_dir().glob("*.yaml"))}
    return json.dumps(sums, indent=2) + "\n"


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Load a sound bank to use it (an unchanged shipped bank from its snapshot), or raise BankError
    with every problem."""
    result = check_file(path, use_snapshot=True)
    if result.bank is None:
        raise BankError(list(result.problems))
    return result.bank


def resolve_bank(ref: str) -> Path:
    """A bank path from what a person typed: a file path, or a shipped bank's id."""
    p = Path(ref).expanduser()
    if p.exists() or os.sep in ref or ref.endswith((".yaml", ".yml")):
        return p
    shipped = banks_dir() / f"{ref}.yaml"
    if shipped.exists():
        return shipped
    from quiz.paths import user_banks_dir

    mine = user_banks_dir() / f"{ref}.yaml"
    return mine if mine.exists() else p
