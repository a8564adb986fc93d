"""The front door of the core: load, check and build a bank, or collect every problem with a place."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from quiz.bank.build import build_bank
from quiz.bank.files import decode, read_bytes
from quiz.bank.loader import Document, load_text
from quiz.bank.model import Bank
from quiz.bank.schema import schema_problems
from quiz.bank.semantics import semantic_problems
from quiz.errors import BankError, Problem


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one file: the bank when it is sound, and every problem otherwise.

    `doc` is the parsed file with the position of every node (None when it did not parse): later
    stages (examples, reachability) locate their problems with it instead of reading the file again.
    """

    file: str
    bank: Bank | None
    problems: tuple[Problem, ...]
    doc: Document | None = None


def check_text(text: str, name: str, content_hash: str = "") -> CheckResult:
    """Check bank text already in memory: parse, JSON Schema, semantic checks, then build the model."""
    try:
        doc = load_text(text, name)
    except BankError as exc:
        return CheckResult(name, None, tuple(exc.problems))
    problems = schema_problems(doc)
    more, facts = semantic_problems(doc)
    problems.extend(p for p in more if p not in problems)
    if problems:
        return CheckResult(name, None, tuple(sorted(set(problems))), doc)
    digest = content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        bank = build_bank(doc, facts, digest)
    except (KeyError, TypeError, ValueError) as exc:  # a gap in the checks; never a traceback
        return CheckResult(name, None, (Problem(name, 0, 0, "", f"internal check gap: {exc!r}",
                                                "please report this bank to the quiz authors"),), doc)
    return CheckResult(name, bank, (), doc)


def check_file(path: str | os.PathLike[str], display: str | None = None) -> CheckResult:
    """Read and check one bank file; every bank, shipped or one's own, goes through this one path."""
    name = display or str(path)
    try:
        raw = read_bytes(path, name)
        text = decode(raw, name)
    except BankError as exc:
        return CheckResult(name, None, tuple(exc.problems))
    return check_text(text, name, hashlib.sha256(raw).hexdigest())


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Load a sound bank to use it, or raise BankError with every problem."""
    result = check_file(path)
    if result.bank is None:
        raise BankError(list(result.problems))
    return result.bank
