"""Answer sets: checking them against a bank (by `quiz.bank.answer_rules`), reading answer files and cells."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from quiz.bank.answer_rules import LOOKS_TYPED, WHOLE_NUMBER_TEXT, Refusal, as_yaml, judge
from quiz.bank.answer_rules import normalize_one as normalize_one  # the engine's name for it, kept
from quiz.bank.files import MAX_FILE_BYTES
from quiz.bank.loader import ANSWERS, Document, decode, load_path, load_text
from quiz.bank.model import Answer, Bank, Question
from quiz.bank.schema import suggest
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import engine_for
from quiz.errors import BankError, InputError, Problem


def normalize(bank: Bank, raw: Mapping[str, Any], file: str = "",
              doc: Document | None = None) -> tuple[dict[str, Answer], list[Problem]]:
    """Check every raw answer against the bank; returns the usable answers and every problem."""
    out: dict[str, Answer] = {}
    problems: list[Problem] = []
    by_id = bank.by_id
    for key, value in raw.items():
        q = by_id.get(key)  # keys of a mapping are hashable, whatever their type
        if q is None:
            where = doc if doc is not None else Document.unplaced(file)
            problems.append(where.problem(
                (str(key),), f"`{as_yaml(key)}` is not a question in `{bank.id}`",
                suggest(str(key), list(by_id)) or "check the question ids", key=True))
            continue
        got = judge(q, value)
        if isinstance(got, Refusal):
            where = doc if doc is not None else Document.unplaced(file)
            problems.append(where.problem((key, *got.at), got.message, got.hint))
        else:
            out[key] = got
    return out, problems


def hidden_problems(bank: Bank, answers: Mapping[str, Any], file: str = "",
                    doc: Document | None = None) -> list[Problem]:
    """Problems for answers to questions that these same answers hide."""
    ctx, visible, ended = engine_for(bank).walk(answers)
    where = doc if doc is not None else Document.unplaced(file)
    out = []
    for key in answers:
        if key in ctx.answers:
            continue
        q = bank.by_id[key]
        why = "an earlier answer ended the bank" if ended and q.index > visible[-1].index else (
            f"its condition `{q.show_if_text}` does not hold" if q.show_if_text else
            f"its section's condition `{bank.section_by_id[q.section].show_if_text}` does not hold")
        message = f"`{key}` is answered but hidden by the other answers: {why}"
        hint = "remove the answer, or change the answers it depends on"
        out.append(where.problem((key,), message, hint, key=True))
    return out


def required(q: Question) -> bool:
    """Whether a shown question must be answered for a complete set (free text and `optional` need not)."""
    return not q.can_skip and q.kind != "text"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"


def missing_problems(bank: Bank, answers: Mapping[str, Any], file: str = "",
                     doc: Document | None = None) -> list[Problem]:
    """One problem per required question these answers show but leave unanswered.

    A question the answers hide (its `show_if`, or an answer that ends the bank) is not required.
    """
    _ctx, visible, _ended = engine_for(bank).walk(answers)
    where = doc if doc is not None else Document.unplaced(file)
    return [where.problem((), f"`{q.id}` (\u201c{_short(q.text)}\u201d) is required and not answered",
                          "answer it, or score with --partial to use the answers given")
            for q in visible if required(q) and q.id not in answers]


def score_set(bank: Bank, raw: Mapping[str, Any], where: Document | tuple[str, int], *,
              partial: bool = False) -> tuple[Outcome | None, list[Problem]]:
    """Check one set of raw answers and score it: (the outcome, []) or (None, every problem).

    The one path for `quiz score`, one answers file or each set of a batch: values are checked, answers
    hidden by the other answers are refused, and so are missing required answers unless `partial`.
    `where` is the answers file's document, or (file, line) for a set of a batch (its problems then
    name that line). The outcome itself tells whether either check is needed (an answer it did not
    use, or it is not complete), so a sound set is walked once.
    """
    doc, file = (where, where.file) if isinstance(where, Document) else (None, where[0])
    answers, problems = normalize(bank, raw, file, doc)
    if not problems:
        outcome = engine_for(bank).score(answers)
        if outcome.answered != len(answers):
            problems = hidden_problems(bank, answers, file, doc)
        if not partial and not outcome.complete:
            problems += missing_problems(bank, answers, file, doc)
        if not problems:
            return outcome, []
    if doc is None:
        line = where[1]  # type: ignore[index]
        problems = [replace(p, line=line) for p in problems]
    return None, problems


# The loader words some problems for banks; an answers file gets advice for an answers file.
_ANSWERS_HINTS = (
    ("anchors (", "write each answer out in full"),
    ("more than one YAML document", "an answers file holds one set of answers; for many sets, use JSON "
                                    "Lines (.jsonl) or CSV (.csv)"),
)


def _for_answers(problems: list[Problem]) -> list[Problem]:
    out = []
    for p in problems:
        for start, hint in _ANSWERS_HINTS:
            if p.message.startswith(start):
                p = Problem(p.file, p.line, p.column, p.path, p.message, hint, p.kind)
        out.append(p)
    return out


def read_answers_doc(path: str | os.PathLike[str] | None, name: str = "", data: bytes | None = None) -> Document:
    """Read one answers file (YAML or JSON), or `data` already read (standard input) under `name`."""
    try:
        if data is None:
            assert path is not None
            return load_path(path, name or None, role=ANSWERS)
        if len(data) > MAX_FILE_BYTES:
            raise BankError([Problem(name, 0, 0, "", f"over the {MAX_FILE_BYTES:,}-byte limit for an "
                                                     "answers file", "for many sets, use JSON Lines or CSV",
                                     "syntax")])
        return load_text(decode(data, name), name, role=ANSWERS)
    except BankError as exc:
        raise InputError(_for_answers(exc.problems)) from None


def load_answers(path: str | os.PathLike[str], bank: Bank, *, partial: bool = True) -> dict[str, Answer]:
    """Read an answers file (YAML or JSON mapping of question id to value), or raise InputError.

    Answers hidden by the other answers are refused; so are missing required answers unless `partial`.
    """
    doc = read_answers_doc(path)
    answers, problems = normalize(bank, doc.data, doc.file, doc)
    if not problems:
        problems = hidden_problems(bank, answers, doc.file, doc)
    if not problems and not partial:
        problems = missing_problems(bank, answers, doc.file, doc)
    if problems:
        raise InputError(problems)
    return answers


def score_file(doc: Document, bank: Bank, *, partial: bool = False) -> Outcome:
    """Score one answers file already read: its outcome, or InputError with every problem."""
    outcome, problems = score_set(bank, doc.data, doc, partial=partial)
    if outcome is None:
        raise InputError(problems)
    return outcome


def from_cell(q: Question | None, text: str) -> Any:
    """A CSV cell as the value an answers file would hold, or None when it is empty (unanswered).

    Every cell is text: a scale cell that reads as a number becomes that number, a checklist cell lists
    option values separated by `;`; the rest stays text for `normalize_one` to check.
    """
    text = text.strip()
    if not text:
        return None
    if q is None:
        return text
    if q.kind == "scale":
        if WHOLE_NUMBER_TEXT.fullmatch(text):
            return int(text)
        if LOOKS_TYPED.fullmatch(text) and text[-1:].isdigit():
            return float(text)
        return text
    if q.kind == "multiple":
        return [v.strip() for v in text.split(";") if v.strip()]
    return text
