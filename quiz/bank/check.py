"""The front door of the core: load, check and build a bank, or collect every problem with a place."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass

from quiz.bank.build import build_bank
from quiz.bank.files import decode, read_bytes
from quiz.bank.loader import Document, load_text
from quiz.bank.model import Bank
from quiz.bank.schema import schema_problems
from quiz.bank.semantics import semantic_problems, suggestion_warnings
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
    warnings: tuple[Problem, ...] = ()
    """Problems that leave the bank valid (severity `warning`): shown by `quiz validate`, exit 0."""


@dataclass(frozen=True)
class Started:
    """A bank read, parsed, semantically checked and built, with the JSON Schema pass still to run.

    Every bank is checked in these two stages, in this order, by `check_file`; the app shows a bank's
    intro between them and runs `finish_check` in a worker while the person reads it, so the first
    screen does not wait for jsonschema (about a tenth of a second to import and run). The bank here
    must not be used for anything but that intro until `finish_check` passes it.
    """

    file: str
    doc: Document | None
    """The parsed file, or None when it did not parse (then `problems` says why)."""
    bank: Bank | None
    """The model, built when the semantic checks found nothing; not yet schema-checked."""
    problems: tuple[Problem, ...]
    """What parsing and the semantic checks found."""
    gap: Problem | None = None
    """Building failed where the checks found nothing: reported only if the schema finds nothing either
    (schema-invalid data can trip the builder)."""
    warnings: tuple[Problem, ...] = ()
    """What the checks found that leaves the bank valid."""


def start_text(text: str, name: str, content_hash: str = "", today: dt.date | None = None) -> Started:
    """The first stage of checking bank text: parse, semantic checks, build (`today`: the day a resource's
    `last_verified` may not be later than; the local date when None)."""
    try:
        doc = load_text(text, name)
    except BankError as exc:
        return Started(name, None, None, tuple(exc.problems))
    problems, facts = semantic_problems(doc, today)
    warnings = tuple(suggestion_warnings(doc))
    if problems:
        return Started(name, doc, None, tuple(problems), warnings=warnings)
    digest = content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        bank = build_bank(doc, facts, digest)
    except Exception as exc:  # noqa: BLE001  schema-invalid data can trip the builder: the schema pass
        # (finish_check) then reports what is wrong; if it finds nothing, this is a gap in the checks.
        return Started(name, doc, None, (), Problem(name, 0, 0, "", f"internal check gap: {exc!r}",
                                                    "please report this bank to the quiz authors"), warnings)
    return Started(name, doc, bank, (), warnings=warnings)


def start_check(path: str | os.PathLike[str], display: str | None = None,
                today: dt.date | None = None) -> Started:
    """The first stage of checking a bank file: read, parse, semantic checks, build."""
    name = display or str(path)
    try:
        raw = read_bytes(path, name)
        text = decode(raw, name)
    except BankError as exc:
        return Started(name, None, None, tuple(exc.problems))
    return start_text(text, name, hashlib.sha256(raw).hexdigest(), today)


def finish_check(started: Started) -> CheckResult:
    """The second stage: the JSON Schema pass; the bank comes back only when nothing at all was found."""
    if started.doc is None:
        return CheckResult(started.file, None, started.problems)
    problems = schema_problems(started.doc)
    problems.extend(p for p in started.problems if p not in problems)
    if not problems and started.gap is not None:
        problems.append(started.gap)
    if problems:
        return CheckResult(started.file, None, tuple(sorted(set(problems))), started.doc, started.warnings)
    return CheckResult(started.file, started.bank, (), started.doc, started.warnings)


def check_text(text: str, name: str, content_hash: str = "", today: dt.date | None = None) -> CheckResult:
    """Check bank text already in memory: parse, semantic checks, build, then the JSON Schema."""
    return finish_check(start_text(text, name, content_hash, today))


def check_file(path: str | os.PathLike[str], display: str | None = None,
               today: dt.date | None = None) -> CheckResult:
    """Read and check one bank file; every bank, shipped or one's own, goes through this one path."""
    return finish_check(start_check(path, display, today))


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Load a sound bank to use it, or raise BankError with every problem."""
    result = check_file(path)
    if result.bank is None:
        raise BankError(list(result.problems))
    return result.bank
