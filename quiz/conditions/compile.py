"""Compiles a condition tree into a fast predicate, and explains which parts of it held."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from quiz.conditions.nodes import DECLINED, And, Compare, Includes, InList, Measure, Node, Not, Or, Predicate


class Context(Protocol):
    """What conditions read: effective answers, which questions are visible, and dimension results."""

    answers: dict[str, Any]
    visible: set[str]

    def score(self, dim: str) -> int | float | None: ...

    def band_index(self, dim: str) -> int | None: ...

    def flagged(self, flag: str) -> bool: ...


Predicate_ = Callable[[Context], bool]

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
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
    # Every predicate returns a real bool, so `p(c) or q(c)` is one too; the two-item forms and plain
    # loops avoid a generator per evaluation, which matters when a bank is scored thousands of times.
    if isinstance(node, Or):
        parts = [compile_node(n, band_ids, statements) for n in node.items]
        if len(parts) == 2:
            p0, p1 = parts
            return lambda c: p0(c) or p1(c)

        def any_(c: Context) -> bool:
            for p in parts:
                if p(c):
                    return True
            return False

        return any_
    if isinstance(node, And):
        parts = [compile_node(n, band_ids, statements) for n in node.items]
        if len(parts) == 2:
            p0, p1 = parts
            return lambda c: p0(c) and p1(c)

        def all_(c: Context) -> bool:
            for p in parts:
                if not p(c):
                    return False
            return True

        return all_
    if isinstance(node, Not):
        inner = compile_node(node.item, band_ids, statements)
        return lambda c: not inner(c)
    if isinstance(node, Compare):
        qid, value, op = node.subject.name, node.value, node.op
        if isinstance(value, str) and op in ("==", "!="):
            # `_same` with text: equal text, and the answer is text too.
            if op == "==":
                return lambda c: type(a := c.answers.get(qid)) is str and a == value
            return lambda c: not (type(a := c.answers.get(qid)) is str and a == value)
        if op == "==":
            return lambda c: _same(c.answers.get(qid), value)
        if op == "!=":
            return lambda c: not _same(c.answers.get(qid), value)
        fn = _ORDER[op]

        def ordered(c: Context) -> bool:
            a = c.answers.get(qid)
            return isinstance(a, int) and not isinstance(a, bool) and fn(a, value)

        return ordered
    if isinstance(node, InList):
        qid, values = node.subject.name, node.values
        if all(isinstance(v, str) for v in values):
            texts = frozenset(values)
            return lambda c: type(a := c.answers.get(qid)) is str and a in texts
        return lambda c: any(_same(c.answers.get(qid), v) for v in values)
    if isinstance(node, Includes):
        qid, value = node.subject.name, node.value

        def includes(c: Context) -> bool:
            a = c.answers.get(qid)
            return isinstance(a, tuple) and value in a

        return includes
    if isinstance(node, Predicate):
        qid, func = node.subject.name, node.func
        if func == "flagged":
            return lambda c: c.flagged(qid)
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

        def count(c: Context) -> bool:
            a = c.answers.get(name)
            return isinstance(a, tuple) and cmp(len(a), value)

        return count
    if node.func == "score":

        def score(c: Context) -> bool:
            s = c.score(name)
            return s is not None and cmp(s, value)

        return score
    # band(): compare by position in the band list, which the model keeps sorted by score, so
    # `>=` means "this band or a higher-scoring one" whatever order the file lists them in;
    # "incomplete" is the state with no band.
    if value == "incomplete":
        if op == "==":
            return lambda c: c.band_index(name) is None
        return lambda c: c.band_index(name) is not None
    target = band_ids[name].index(str(value))

    def band(c: Context) -> bool:
        i = c.band_index(name)
        return i is not None and cmp(i, target)

    return band


def explain(node: Node, holds: Callable[[Node], bool], want: bool = True) -> list[tuple[Node, bool]]:
    """The leaf conditions that gave `node` the value `want`, each with its own value; `holds`
    evaluates a subtree. It looks under `not`: `not answered(q)` holds because `answered(q)` is
    false, so that leaf comes back as `(answered(q), False)` and can be explained as a fact.
    """
    if isinstance(node, Not):
        return explain(node.item, holds, not want)
    if isinstance(node, (Or, And)):
        # An `or` is true, or an `and` false, through the items with that value; otherwise through all.
        decisive = isinstance(node, Or) == want
        out: list[tuple[Node, bool]] = []
        for n in node.items:
            if decisive and holds(n) != want:
                continue
            if isinstance(n, (Or, And, Not)):
                out.extend(explain(n, holds, want))
            else:
                out.append((n, want))
        return out
    return [(node, want)]


Explainer = Callable[[Context, bool], list[tuple[Node, bool]]]


def compile_explainer(node: Node, band_ids: dict[str, list[str]], statements: dict[str, bool]) -> Explainer:
    """`explain` prepared once: a function of (Context, want) giving the same leaves, without re-walking
    the tree or looking predicates up for every answer set."""
    if isinstance(node, Not):
        inner = compile_explainer(node.item, band_ids, statements)
        return lambda c, want: inner(c, not want)
    if isinstance(node, (Or, And)):
        parts = [(compile_node(n, band_ids, statements),
                  None if not isinstance(n, (Or, And, Not)) else compile_explainer(n, band_ids, statements),
                  n) for n in node.items]
        is_or = isinstance(node, Or)

        def explainer(c: Context, want: bool) -> list[tuple[Node, bool]]:
            decisive = is_or == want
            out: list[tuple[Node, bool]] = []
            for pred, sub, n in parts:
                if decisive and pred(c) != want:
                    continue
                if sub is None:
                    out.append((n, want))
                else:
                    out.extend(sub(c, want))
            return out

        return explainer
    return lambda c, want: [(node, want)]
