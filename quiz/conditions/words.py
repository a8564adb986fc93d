"""A condition in plain words, for a person reading it on paper: `“Pain” is ticked in question 4`.

The one function that puts a condition tree into words; what each id is called (a question's number, an
option's label, a dimension's title) comes from the caller's `Names`, so this package needs no bank.
"""

from __future__ import annotations

from typing import Protocol

from quiz.conditions.nodes import And, Compare, Includes, InList, Measure, Node, Not, Or, Predicate, Value

_OP_WORDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "==": "exactly", "!=": "not"}
_BAND_WORDS = {"==": "is “{b}”", "!=": "is not “{b}”", "<": "is below “{b}”", "<=": "is “{b}” or lower",
               ">": "is above “{b}”", ">=": "is “{b}” or higher"}
_COUNT_WORDS = {"<": "fewer than", "<=": "at most", ">": "more than", ">=": "at least", "==": "exactly",
                "!=": "other than"}
_ANSWER_WORDS = {"==": "is “{v}”", "!=": "is not “{v}”", "<": "is below “{v}”", "<=": "is “{v}” or below",
                 ">": "is above “{v}”", ">=": "is “{v}” or above"}


class Names(Protocol):
    """What the ids in a condition are called where it is read."""

    def question(self, qid: str) -> str:
        """A question as the reader finds it: `question 4`."""

    def answer(self, qid: str, value: Value) -> str:
        """An answer value as the person saw it: the option's or scale point's words."""

    def is_point(self, qid: str, value: Value) -> bool:
        """Whether `value` is one of the points of the scale item `qid` (then it reads as its words)."""

    def dimension(self, did: str) -> str:
        """A dimension's title."""

    def band(self, did: str, bid: str) -> str:
        """A band's label."""

    def flag(self, fid: str) -> str:
        """An item flag's label."""


def in_words(node: Node, names: Names, parent: str = "") -> str:
    """The condition as a sentence part: `the answer to question 2 is “Often” and “Pain” is ticked in
    question 4`; `and` inside `or` (or the reverse) is put in parentheses."""
    if isinstance(node, (And, Or)):
        kind = "and" if isinstance(node, And) else "or"
        parts = [_ticks_in_words(group, kind, names) if isinstance(group, list) else in_words(group, names, kind)
                 for group in _grouped(node.items)]
        text = f" {kind} ".join(parts)
        return f"({text})" if parent and parent != kind and len(parts) > 1 else text
    if isinstance(node, Not):
        inner = node.item
        if isinstance(inner, Predicate) and inner.func in ("answered", "skipped"):
            verb = "was not answered" if inner.func == "answered" else "was not skipped"
            return f"{names.question(inner.subject.name)} {verb}"
        return f"not ({in_words(inner, names)})"
    if isinstance(node, Compare):
        sid, v = node.subject.name, node.value
        if node.op in ("==", "!=") or names.is_point(sid, v):
            return f"the answer to {names.question(sid)} " + _ANSWER_WORDS[node.op].format(v=names.answer(sid, v))
        return f"the answer to {names.question(sid)} is {_OP_WORDS[node.op]} {v}"
    if isinstance(node, InList):
        sid = node.subject.name
        return f"the answer to {names.question(sid)} is " + " or ".join(
            f"“{names.answer(sid, v)}”" for v in node.values)
    if isinstance(node, Includes):
        return f"“{names.answer(node.subject.name, node.value)}” is ticked in {names.question(node.subject.name)}"
    if isinstance(node, Predicate):
        sid = node.subject.name
        if node.func == "flagged":
            return f"the flag “{names.flag(sid)}” was raised"
        return {
            "answered": f"{names.question(sid)} was answered",
            "skipped": f"{names.question(sid)} was skipped",
            "declined": f"“Prefer not to say” was chosen for {names.question(sid)}",
            "correct": f"{names.question(sid)} was answered right",
            "wrong": f"{names.question(sid)} was not answered right",
        }[node.func]
    assert isinstance(node, Measure)
    sid, op, v = node.subject.name, node.op, node.value
    if node.func == "count":
        return f"{_COUNT_WORDS[op]} {v} {'option is' if v == 1 else 'options are'} ticked in {names.question(sid)}"
    title = names.dimension(sid)
    if node.func == "score":
        return f"the {title} score is {_OP_WORDS[op]} {v}"
    if v == "incomplete":
        return f"the {title} result {'has too few' if op == '==' else 'has enough'} answers"
    return f"the {title} result " + _BAND_WORDS[op].format(b=names.band(sid, str(v)))


def _grouped(items: tuple[Node, ...]) -> list[Node | list[Includes]]:
    """The items in order, with neighbouring `includes` tests on one checklist gathered into a list, so
    they read as one clause ("any of “A” or “B” is ticked in question 4")."""
    out: list[Node | list[Includes]] = []
    for n in items:
        last = out[-1] if out else None
        if (isinstance(n, Includes) and isinstance(last, list)
                and last[0].subject.name == n.subject.name):
            last.append(n)
        else:
            out.append([n] if isinstance(n, Includes) else n)
    return [g[0] if isinstance(g, list) and len(g) == 1 else g for g in out]


def _ticks_in_words(group: list[Includes], kind: str, names: Names) -> str:
    """Several ticks of one checklist as one clause: `any of “A”, “B” or “C” is ticked in question 4`
    (or) or `“A” and “B” are both ticked in question 4` (and)."""
    qid = group[0].subject.name
    labels = [f"“{names.answer(qid, i.value)}”" for i in group]
    listed = ", ".join(labels[:-1]) + f" {kind} " + labels[-1]
    where = names.question(qid)
    if kind == "or":
        return f"any of {listed} is ticked in {where}"
    return f"{listed} are {'both' if len(labels) == 2 else 'all'} ticked in {where}"
