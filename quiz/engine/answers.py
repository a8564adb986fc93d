"""Answer values: checking them against a bank, and reading answer files (YAML or JSON) and cells."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from quiz.bank.files import MAX_FILE_BYTES
from quiz.bank.loader import ANSWERS, Document, decode, load_path, load_text
from quiz.bank.model import DECLINED, Answer, Bank, Question
from quiz.bank.schema import suggest
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import engine_for
from quiz.errors import BankError, InputError, Problem, shown

# Text that YAML (and JSON) would read as a number, true/false or null if it were not quoted.
_LOOKS_TYPED = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|true|false|null|~",
                          re.IGNORECASE)
_INT_TEXT = re.compile(r"[-+]?[0-9]+")


def as_yaml(value: Any) -> str:
    """A value as it would be written in an answers file: like `shown`, but text that would read as a
    number, true/false or null without quotes keeps its quotes (`"2"` is text, `2` a number)."""
    if isinstance(value, str) and (not value or _LOOKS_TYPED.fullmatch(value)):
        return json.dumps(value, ensure_ascii=False)
    return shown(value)


def normalize_one(q: Question, value: Any) -> tuple[Answer | None, str, str]:
    """(normalized answer or None, message, hint) for one raw value given to `q`.

    The accepting branch of each kind comes first and allocates nothing: batch scoring runs it for every
    answer of every set. Only a refused value pays for the words that explain it.
    """
    kind = q.kind
    if value == DECLINED and kind != "text":
        if q.prefer_not_to_say:
            return DECLINED, "", ""
        return None, f"`{q.id}` does not offer \"Prefer not to say\"", "answer it, or leave it out"
    if kind == "scale":
        if type(value) is int and q.scale is not None:
            for p in q.scale.points:
                if p.value == value:
                    return value, "", ""
        return None, *_scale_refusal(q, value)
    if kind == "single":
        if type(value) is str:
            for o in q.options:
                if o.value == value:
                    return value, "", ""
        return None, *_single_refusal(q, value)
    if kind == "multiple":
        return _multiple(q, value)
    if kind == "statement":
        if isinstance(value, bool):
            return value, "", ""
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true", "", ""
        return None, f"`{q.id}` is a true/false statement, and `{as_yaml(value)}` is neither", \
            "write true or false"
    if isinstance(value, str):
        if len(value) > q.max_length:
            return None, f"`{q.id}` is longer than {q.max_length} characters", ""
        return value, "", ""
    return None, f"`{q.id}` takes free text, and `{as_yaml(value)}` is {_type_name(value)}", \
        "put the answer in quotes"


def _type_name(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _points_hint(q: Question) -> str:
    return "its points: " + ", ".join(f"{v} ({label})" for v, label in q.choices())


def _scale_refusal(q: Question, value: Any) -> tuple[str, str]:
    """Why `value` is not a point on `q`'s scale, and what to write instead."""
    points = [v for v, _ in q.choices()]
    if isinstance(value, str):
        text = value.strip()
        if _INT_TEXT.fullmatch(text) and int(text) in points:
            return (f"the answer to `{q.id}` is the text `{as_yaml(value)}`; a scale item takes a number",
                    f"write {int(text)} without quotes")
        for v, label in q.choices():
            if label.casefold() == text.casefold():
                return (f"the answer to `{q.id}` is the label `{as_yaml(value)}`; a scale item takes "
                        "the number of a point", f"write {v}")
        if _LOOKS_TYPED.fullmatch(text):
            return (f"the answer to `{q.id}` is the text `{as_yaml(value)}`; a scale item takes a number, "
                    "and this is not one of its points", _points_hint(q))
        return f"`{as_yaml(value)}` is not a point on `{q.id}`'s scale", _points_hint(q)
    if isinstance(value, float) and value.is_integer() and int(value) in points:
        return (f"the answer to `{q.id}` is the decimal number `{shown(value)}`; a scale item takes a "
                f"whole number", f"write {int(value)}")
    if isinstance(value, (bool, list, dict)) or value is None:
        return (f"the answer to `{q.id}` is {_type_name(value)} (`{as_yaml(value)}`); a scale item takes "
                "one number", _points_hint(q))
    return f"`{as_yaml(value)}` is not a point on `{q.id}`'s scale", _points_hint(q)


def _options_hint(q: Question, word: str = "") -> str:
    values = [o.value for o in q.options]
    return (suggest(word, values) if word else "") or "its options: " + ", ".join(values)


def _single_refusal(q: Question, value: Any) -> tuple[str, str]:
    """Why `value` is not an option of the single-choice `q`, and what to write instead."""
    values = [o.value for o in q.options]
    if isinstance(value, list):
        return f"`{q.id}` takes one option, and the answer is a list (`{as_yaml(value)}`)", _options_hint(q)
    if not isinstance(value, str) and shown(value) in values:
        return (f"the answer to `{q.id}` is {_type_name(value)} (`{shown(value)}`); its options are text",
                f"write \"{shown(value)}\" in quotes")
    if isinstance(value, (dict, bool, float, int)) or value is None:
        return f"`{q.id}` takes one option, and the answer is {_type_name(value)} (`{as_yaml(value)}`)", \
            _options_hint(q)
    return f"`{as_yaml(value)}` is not an option of `{q.id}`", _options_hint(q, str(value))


def _multiple(q: Question, value: Any) -> tuple[Answer | None, str, str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        example = "[" + ", ".join(o.value for o in q.options[:2]) + "]"
        return None, f"`{q.id}` is a checklist and takes a list of option values, not `{as_yaml(value)}`", \
            f"e.g. {example}"
    values = [o.value for o in q.options]
    for v in items:
        if v not in values:
            return None, f"`{as_yaml(v)}` is not an option of `{q.id}`", _options_hint(q, v)
    if len(set(items)) != len(items):
        return None, f"`{q.id}` lists an option twice", "list each option once"
    if len(items) > 1:
        exclusive = [o.value for o in q.options if o.exclusive and o.value in items]
        if exclusive:
            return None, f"`{q.id}`: `{exclusive[0]}` cannot be combined with other options", ""
    if len(items) < q.min_choices:
        return None, f"`{q.id}` needs at least {q.min_choices} choice(s)", ""
    if q.max_choices is not None and len(items) > q.max_choices:
        return None, f"`{q.id}` allows at most {q.max_choices} choice(s)", ""
    return tuple(sorted(items, key=values.index)), "", ""


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
        ans, message, hint = normalize_one(q, value)
        if ans is None:
            where = doc if doc is not None else Document.unplaced(file)
            problems.append(where.problem((key,), message, hint))
        else:
            out[key] = ans
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
        if _INT_TEXT.fullmatch(text):
            return int(text)
        if _LOOKS_TYPED.fullmatch(text) and text[-1:].isdigit():
            return float(text)
        return text
    if q.kind == "multiple":
        return [v.strip() for v in text.split(";") if v.strip()]
    return text
