"""Many answer sets at once: JSON Lines or CSV in, one scored row (or its problems) per set out."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from quiz.bank.answer_rules import as_yaml
from quiz.bank.model import Bank
from quiz.engine.answers import from_cell, score_set
from quiz.engine.outcome import Outcome
from quiz.errors import InputError, Problem

MAX_LINE_BYTES = 1024 * 1024
"""One answer set is a few hundred bytes; a megabyte-long line is not one, and is refused unread."""

_BYTE = re.compile(r"\(byte ([0-9]+)\)")


class Row(msgspec.Struct, frozen=True):
    """One answer set of a batch: where it starts, and its outcome or the problems that stopped it."""

    line: int
    outcome: Outcome | None
    problems: tuple[Problem, ...] = ()


def _column(raw: bytes, key: str) -> int:
    """The 1-based column of `"key"` in a JSON line, or 0 when it cannot be found."""
    i = raw.find(msgspec.json.encode(key))
    return len(raw[:i].decode("utf-8", "replace")) + 1 if i >= 0 else 0


def _place(problems: list[Problem], raw: bytes) -> tuple[Problem, ...]:
    """Problems of one JSON line, each at the column of the answer it is about where that is known."""
    out = []
    for p in problems:
        key = p.path.split(".", 1)[0]
        col = _column(raw, key) if key else 0
        out.append(p if not col else Problem(p.file, p.line, col, p.path, p.message, p.hint, p.kind))
    return tuple(out)


def score_jsonl(bank: Bank, lines: Iterable[bytes], file: str, *, partial: bool = False) -> Iterator[Row]:
    """Score JSON Lines: each non-blank line one JSON object of question id to answer."""
    decode = msgspec.json.Decoder().decode
    for number, raw in enumerate(lines, 1):
        if len(raw) > MAX_LINE_BYTES:
            yield Row(number, None, (Problem(file, number, 0, "", f"the line is longer than "
                                             f"{MAX_LINE_BYTES:,} bytes", "one answer set per line", "syntax"),))
            continue
        if raw.isspace():
            continue  # a blank line
        try:
            data = decode(raw)
        except msgspec.DecodeError as exc:
            found = _BYTE.search(str(exc))
            col = len(raw[:int(found.group(1))].decode("utf-8", "replace")) + 1 if found else 0
            yield Row(number, None, (Problem(file, number, col, "", f"not valid JSON: {exc}",
                                             "each line holds one JSON object, such as {\"q1\": 2}", "syntax"),))
            continue
        if type(data) is not dict:
            yield Row(number, None, (Problem(file, number, 1, "", f"the line holds {as_yaml(data)}, not an "
                                             "object of question id to answer",
                                             "each line holds one JSON object, such as {\"q1\": 2}", "syntax"),))
            continue
        outcome, problems = score_set(bank, data, (file, number), partial=partial)
        yield Row(number, outcome, _place(problems, raw) if problems else ())


def score_csv(bank: Bank, text: Iterable[str], file: str, *, partial: bool = False) -> Iterator[Row]:
    """Score CSV: a header row of question ids, then one answer set per row (an empty cell: unanswered).

    Raises InputError when the header itself is unusable (no rows, a blank or repeated column).
    """
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError([Problem(file, 1, 0, "", f"not readable as CSV: {exc}", kind="syntax")]) from None
    if header is None:
        raise InputError([Problem(file, 1, 1, "", "the file is empty",
                                  "the first row names the questions, one id per column", "syntax")])
    ids = [h.strip().lstrip("\ufeff") for h in header]
    problems = []
    for i, qid in enumerate(ids, 1):
        if not qid:
            problems.append(Problem(file, 1, 0, "", f"column {i} has no question id in the header row",
                                    "name the question in the first row, or remove the column", "syntax"))
        elif qid in ids[:i - 1]:
            problems.append(Problem(file, 1, 0, "", f"the question `{qid}` heads two columns",
                                    "keep one column per question", "syntax"))
    if problems:
        raise InputError(problems)
    questions = [bank.by_id.get(qid) for qid in ids]
    columns = list(zip(ids, questions, strict=True))
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            yield Row(line, None, (Problem(file, line, 0, "", f"not readable as CSV: {exc}", kind="syntax"),))
            line = reader.line_num + 1
            continue
        if cells is None:
            return
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue  # a blank line, or a spreadsheet's empty row of commas
        if len(cells) > len(ids):
            yield Row(start, None, (Problem(file, start, 0, "", f"the row has {len(cells)} cells and the "
                                            f"header names {len(ids)} questions",
                                            "check for a stray comma, or name the question in the header",
                                            "syntax"),))
            continue
        data: dict[str, Any] = {}
        for (qid, q), cell in zip(columns, cells, strict=False):
            value = from_cell(q, cell)
            if value is not None:
                data[qid] = value
        outcome, problems = score_set(bank, data, (file, start), partial=partial)
        yield Row(start, outcome, tuple(problems))
