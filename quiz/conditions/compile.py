"""Compiles a condition tree into a fast predicate, and explains which parts of it held."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from quiz.conditions.nodes import And, Compare, Includes, InList, Measure, Node, Not, Or, Predicate
from quiz.model import DECLINED


class Context(Protocol):
    """What conditions read: effective answers, which questions are visible, and dimension results."""

    answers: dict[str, Any]
    visible: set[str]

    def score(self, dim: str) -> int | None: ...

    def band_index(self, dim: str) -> int | None: ...


Predicate_ = Callable[[Any], bool]

_ORDER = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def _same(a: Any, b: Any) -> bool:
    # `True == 1` in Python; a statement answered true must not equal the number 1.
    return a == b and type(a) is type(b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def compile_node(node: Node, band_ids: dict[str, list[str]], statements: dict[str, bool]) -> Predicate_:
    """A function of a Context that says whether the condition holds."""
    if isinstance(node, Or):
        parts = [compile_node(n, band_ids, statements) for n in node.items]
        return lambda c: any(p(c) for p in parts)
    if isinstance(node, And):
        parts = [compile_node(n, band_ids, statements) for n in node.items]
        return lambda c: all(p(c) for p in parts)
    if isinstance(node, Not):
        inner = compile_node(node.item, band_ids, statements)
        return lambda c: not inner(c)
    if isinstance(node, Compare):
        qid, value, op = node.subject.name, node.value, node.op
        if op == "==":
            return lambda c: _same(c.answers.get(qid), value)
        if op == "!=":
            return lambda c: not _same(c.answers.get(qid), value)
        fn = _ORDER[op]

        def ordered(c: Any) -> bool:
            a = c.answers.get(qid)
            return isinstance(a, int) and not isinstance(a, bool) and fn(a, value)

        return ordered
    if isinstance(node, InList):
        qid, values = node.subject.name, node.values
        return lambda c: any(_same(c.answers.get(qid), v) for v in values)
    if isinstance(node, Includes):
        qid, value = node.subject.name, node.value

        def includes(c: Any) -> bool:
            a = c.answers.get(qid)
            return isinstance(a, tuple) and value in a

        return includes
    if isinstance(node, Predicate):
        qid, func = node.subject.name, node.func
        if func == "answered":
            return lambda c: qid in c.answers and c.answers[qid] != DECLINED
        if func == "skipped":
            return lambda c: qid in c.visible and (qid not in c.answers or c.answers[qid] == DECLINED)
        if func == "declined":
            return lambda c: c.answers.get(qid) == DECLINED
        right = statements.get(qid)
        if func == "correct":
            return lambda c: isinstance(c.answers.get(qid), bool) and c.answers[qid] is right
        return lambda c: isinstance(c.answers.get(qid), bool) and c.answers[qid] is not right
    assert isinstance(node, Measure)
    name, op, value = node.subject.name, node.op, node.value
    cmp = _ORDER[op]
    if node.func == "count":

        def count(c: Any) -> bool:
            a = c.answers.get(name)
            return isinstance(a, tuple) and cmp(len(a), value)

        return count
    if node.func == "score":

        def score(c: Any) -> bool:
            s = c.score(name)
            return s is not None and cmp(s, value)

        return score
    # band(): compare by position in the band list; "incomplete" is the state with no band.
    if value == "incomplete":
        if op == "==":
            return lambda c: c.band_index(name) is None
        return lambda c: c.band_index(name) is not None
    target = band_ids[name].index(str(value))

    def band(c: Any) -> bool:
        i = c.band_index(name)
        return i is not None and cmp(i, target)

    return band


def held_atoms(node: Node, holds: Callable[[Node], bool]) -> list[Node]:
    """The leaf conditions that made `node` true (none under `not`); `holds` evaluates a subtree."""
    if isinstance(node, Or):
        out: list[Node] = []
        for n in node.items:
            if holds(n):
                out.extend(held_atoms(n, holds))
        return out
    if isinstance(node, And):
        return [a for n in node.items for a in held_atoms(n, holds)]
    if isinstance(node, Not):
        return []
    return [node] if holds(node) else []
