"""Option sets: answers shared by many choice questions, defined once under the top-level `options`.

A question writes `options: yes_no` instead of a list; every check and the model read the document
through `with_option_sets`, a view in which that question holds the set's options, placed (for
messages) where the set is written. `yes_no` is built in; a bank's own set of that name replaces it.
"""

from __future__ import annotations

from typing import Any

from quiz.bank.facts import dicts
from quiz.bank.loader import Document, Path_
from quiz.errors import Problem

BUILT_IN: dict[str, tuple[dict[str, str], ...]] = {
    "yes_no": ({"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}),
}
"""Sets every bank has without defining them."""

__all__ = ["BUILT_IN", "option_set_items", "option_set_problems", "set_names", "with_option_sets"]


def _defined(data: Any) -> dict[str, Any]:
    sets = data.get("options") if isinstance(data, dict) else None
    return {k: v for k, v in sets.items() if isinstance(k, str)} if isinstance(sets, dict) else {}


def option_set_items(data: Any) -> list[tuple[str, Any]]:
    """(name, options) for each set the bank defines, as written (the checks look inside each)."""
    return list(_defined(data).items())


def set_names(data: Any) -> list[str]:
    """The option sets a question may name: the bank's own, then the built-in ones it does not replace."""
    own = list(_defined(data))
    return own + [name for name in BUILT_IN if name not in own]


def _named(data: Any) -> list[tuple[Path_, str]]:
    """(question path, set name) for each question whose `options` names a set."""
    out: list[tuple[Path_, str]] = []
    for si, sec in dicts(data.get("sections") if isinstance(data, dict) else None):
        for qi, q in dicts(sec.get("questions")):
            if isinstance(q.get("options"), str):
                out.append((("sections", si, "questions", qi), q["options"]))
    return out


def with_option_sets(doc: Document) -> Document:
    """The document with each question's `options: set-id` read as the set's options (the document
    itself when no question names a set). A name that is no set stays as written: the checks report it."""
    named = _named(doc.data)
    if not named:
        return doc
    defined = _defined(doc.data)
    copies: dict[Path_, Path_] = {}
    values: dict[Path_, Any] = {}
    for path, name in named:
        if isinstance(defined.get(name), list):
            copies[path + ("options",)] = ("options", name)
        elif name in BUILT_IN and name not in defined:
            values[path + ("options",)] = [dict(o) for o in BUILT_IN[name]]
    if not copies and not values:
        return doc
    return doc.corrected({}, {}, values, copies)


def option_set_problems(doc: Document) -> list[Problem]:
    """A question naming an option set the bank does not have (with "did you mean"), located at the name."""
    from quiz.bank.schema import suggest

    names = set_names(doc.data)
    out = []
    for path, name in _named(doc.data):
        if name not in names:
            hint = suggest(name, names) or (
                f"define it under the top-level `options`; sets here: {', '.join(names)}")
            out.append(doc.problem(path + ("options",), f"unknown option set `{name}`", hint))
    return out
