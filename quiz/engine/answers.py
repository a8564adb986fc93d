"""Answer values: checking them against a bank, and reading answer files (YAML or JSON)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from quiz.bank.loader import ANSWERS, Document, load_path
from quiz.bank.model import DECLINED, Answer, Bank, Question
from quiz.bank.schema import suggest
from quiz.errors import BankError, InputError, Problem, shown


def normalize_one(q: Question, value: Any) -> tuple[Answer | None, str, str]:
    """(normalized answer or None, message, hint) for one raw value given to `q`."""
    if value == DECLINED and q.kind != "text":
        if q.prefer_not_to_say:
            return DECLINED, "", ""
        return None, f"`{q.id}` does not offer \"Prefer not to say\"", "answer it, or leave it out"
    if q.kind == "single":
        values = [o.value for o in q.options]
        if isinstance(value, str) and value in values:
            return value, "", ""
        return None, f"`{shown(value)}` is not an option of `{q.id}`", \
            suggest(str(value), values) or "options: " + ", ".join(values)
    if q.kind == "multiple":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            return None, f"`{q.id}` is a checklist; give a list of option values", "e.g. [pain, desire]"
        values = [o.value for o in q.options]
        for v in items:
            if v not in values:
                return None, f"`{v}` is not an option of `{q.id}`", \
                    suggest(v, values) or "options: " + ", ".join(values)
        if len(set(items)) != len(items):
            return None, f"`{q.id}` lists an option twice", "list each option once"
        exclusive = {o.value for o in q.options if o.exclusive}
        if len(items) > 1 and exclusive & set(items):
            return None, f"`{q.id}`: `{sorted(exclusive & set(items))[0]}` cannot be combined with other options", ""
        if len(items) < q.min_choices:
            return None, f"`{q.id}` needs at least {q.min_choices} choice(s)", ""
        if q.max_choices is not None and len(items) > q.max_choices:
            return None, f"`{q.id}` allows at most {q.max_choices} choice(s)", ""
        order = {v: i for i, v in enumerate(values)}
        return tuple(sorted(items, key=order.__getitem__)), "", ""
    if q.kind == "scale":
        points = [v for v, _ in q.choices()]
        if isinstance(value, int) and not isinstance(value, bool) and value in points:
            return value, "", ""
        return None, f"`{shown(value)}` is not a point on `{q.id}`'s scale", \
            "points: " + ", ".join(str(p) for p in points)
    if q.kind == "statement":
        if isinstance(value, bool):
            return value, "", ""
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true", "", ""
        return None, f"`{q.id}` is a true/false statement; answer true or false", ""
    if isinstance(value, str):
        if len(value) > q.max_length:
            return None, f"`{q.id}` is longer than {q.max_length} characters", ""
        return value, "", ""
    return None, f"`{q.id}` takes free text", "put the answer in quotes"


def normalize(bank: Bank, raw: Mapping[str, Any], file: str = "",
              doc: Document | None = None) -> tuple[dict[str, Answer], list[Problem]]:
    """Check every raw answer against the bank; returns the usable answers and every problem."""
    out: dict[str, Answer] = {}
    problems: list[Problem] = []
    where = doc if doc is not None else Document.unplaced(file)

    def problem(key: str, message: str, hint: str, *, on_key: bool = False) -> None:
        problems.append(where.problem((key,), message, hint, key=on_key))

    for key, value in raw.items():
        q = bank.by_id.get(key) if isinstance(key, str) else None
        if q is None:
            problem(str(key), f"`{shown(key)}` is not a question in `{bank.id}`",
                    suggest(str(key), list(bank.by_id)) or "check the question ids", on_key=True)
            continue
        ans, message, hint = normalize_one(q, value)
        if ans is None:
            problem(key, message, hint)
        else:
            out[key] = ans
    return out, problems


def hidden_problems(bank: Bank, answers: Mapping[str, Any], file: str = "",
                    doc: Document | None = None) -> list[Problem]:
    """Problems for answers to questions that these same answers hide."""
    from quiz.engine.scoring import engine_for

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


def load_answers(path: str | os.PathLike[str], bank: Bank) -> dict[str, Answer]:
    """Read an answers file (YAML or JSON mapping of question id to value), or raise InputError."""
    try:
        doc = load_path(path, role=ANSWERS)
    except BankError as exc:
        raise InputError(exc.problems) from None
    answers, problems = normalize(bank, doc.data, doc.file, doc)
    if not problems:
        problems = hidden_problems(bank, answers, doc.file, doc)
    if problems:
        raise InputError(problems)
    return answers
