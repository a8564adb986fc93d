"""Reading a bank or answer file's bytes and text, with located errors; no YAML involved.

Separate from the loader so a shipped bank built ahead (quiz.snapshot) is read without importing YAML.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from quiz.errors import BankError, Problem


@dataclass(frozen=True)
class FileRole:
    """What a file is for, in the words its problems use ("a bank", "an answers file")."""

    noun: str
    shape: str
    """A hint saying what the top level of such a file holds."""


BANK = FileRole("a bank", "a bank starts with keys such as `quiz: 1` and `id:`")
ANSWERS = FileRole("an answers file", "an answers file is a mapping of question id to answer")

# A bank is prose and ids; the largest real bank is tens of kB. 4 MiB leaves room for generated banks
# (the 2,000-question benchmark bank is about 1 MB) while refusing files that only exist to exhaust memory.
MAX_FILE_BYTES = 4 * 1024 * 1024


def read_bytes(path: str | os.PathLike[str], display: str | None = None, role: FileRole = BANK) -> bytes:
    """Read a file for loading, refusing unreadable paths and files over the size limit."""
    name = display or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise BankError([Problem(name, 0, 0, "", f"is a folder, not {role.noun}", kind="unreadable")])
        if size > MAX_FILE_BYTES:
            raise BankError([Problem(
                name, 0, 0, "",
                f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for {role.noun}",
                "split it, or check that this is the file you meant", kind="syntax",
            )])
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BankError([Problem(name, 0, 0, "", f"cannot read: {exc.strerror or exc}",
                                 kind="unreadable")]) from exc
    if len(data) > MAX_FILE_BYTES:
        raise BankError([Problem(name, 0, 0, "", "file grew past the size limit while reading", kind="syntax")])
    return data


def decode(data: bytes, name: str) -> str:
    """Strict UTF-8 (an optional BOM is allowed), with the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BankError([Problem(
            name, line, col, "", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8", kind="syntax",
        )]) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        i = text.index("\x00")
        line = text.count("\n", 0, i) + 1
        raise BankError([Problem(name, line, 0, "", "contains a NUL character; this is not a text file",
                                 kind="syntax")])
    return text
