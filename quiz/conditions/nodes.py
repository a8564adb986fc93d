"""The condition tree: frozen nodes that remember where in the source text they came from."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import msgspec

from quiz.errors import QuizError

Value = str | int | float | bool
"""A literal value written in a condition: text, a number, true or false."""

RefKind = Literal["question", "dimension", "flag"]
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]
PredicateFunc = Literal["answered", "skipped", "declined", "correct", "wrong", "flagged"]
MeasureFunc = Literal["count", "score", "band"]


DECLINED = "prefer_not_to_say"
"""The answer value for "Prefer not to say": `declined(q)` tests for it; it counts as not answered."""


class ConditionError(QuizError):
    """A condition that does not parse; `offset` is the 0-based character where it went wrong."""

    def __init__(self, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class Reference(msgspec.Struct, frozen=True):
    """A name in a condition: `kind` is `question`, `dimension` or `flag`; `offset` locates it."""

    kind: RefKind
    name: str
    offset: int


class Or(msgspec.Struct, frozen=True):
    """True when any item is."""

    items: tuple[Node, ...]


class And(msgspec.Struct, frozen=True):
    """True when every item is."""

    items: tuple[Node, ...]


class Not(msgspec.Struct, frozen=True):
    """True when the item is not."""

    item: Node


class Compare(msgspec.Struct, frozen=True):
    """`question OP literal`: an answer equals, differs from, or is ordered against a value."""

    subject: Reference
    op: CompareOp
    value: Value
    value_offset: int


class InList(msgspec.Struct, frozen=True):
    """`question in [a, b]`: the answer is one of the values; `value_offset` is the `[`, and
    `value_offsets` locate each value (a problem with one value points at it, not at the list)."""

    subject: Reference
    values: tuple[Value, ...]
    value_offset: int
    value_offsets: tuple[int, ...] = ()


class Includes(msgspec.Struct, frozen=True):
    """`question includes a`: a checklist answer contains the value."""

    subject: Reference
    value: Value
    value_offset: int


class Predicate(msgspec.Struct, frozen=True):
    """`answered(q)`, `skipped(q)`, `declined(q)`, `correct(q)`, `wrong(q)`, or `flagged(f)` (its subject
    is a flag id, of kind `flag`)."""

    func: PredicateFunc
    subject: Reference


class Measure(msgspec.Struct, frozen=True):
    """`count(q) OP n`, `score(d) OP n` or `band(d) OP "band-id"`."""

    func: MeasureFunc
    subject: Reference
    op: CompareOp
    value: Value
    value_offset: int


Node = Or | And | Not | Compare | InList | Includes | Predicate | Measure


def references(node: Node) -> list[Reference]:
    """Every question and dimension the condition mentions, in source order (flags: `flag_references`)."""
    out: list[Reference] = []
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (Or, And)):
            stack.extend(reversed(n.items))
        elif isinstance(n, Not):
            stack.append(n.item)
        elif n.subject.kind != "flag":
            out.append(n.subject)
    return sorted(out, key=lambda r: r.offset)


def flag_references(node: Node) -> list[Reference]:
    """Every flag the condition tests with `flagged(...)`, in source order."""
    out: list[Reference] = []
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (Or, And)):
            stack.extend(n.items)
        elif isinstance(n, Not):
            stack.append(n.item)
        elif n.subject.kind == "flag":
            out.append(n.subject)
    return sorted(out, key=lambda r: r.offset)


def unparse(node: Node) -> str:
    """Canonical text for a tree; `parse(unparse(t)) == t` up to offsets."""

    def lit(v: Value) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, float):
            # The condition language has no exponent form: write 1e-05 as 0.00001 so it parses back.
            text = format(Decimal(repr(v)), "f")
            return text if "." in text else text + ".0"
        return repr(v)

    def go(n: Node, parent: int) -> str:
        if isinstance(n, Or):
            s = " or ".join(go(i, 1) for i in n.items)
            return f"({s})" if parent > 1 else s
        if isinstance(n, And):
            s = " and ".join(go(i, 2) for i in n.items)
            return f"({s})" if parent > 2 else s
        if isinstance(n, Not):
            return "not " + go(n.item, 3)
        if isinstance(n, Compare):
            return f"{n.subject.name} {n.op} {lit(n.value)}"
        if isinstance(n, InList):
            return f"{n.subject.name} in [{', '.join(lit(v) for v in n.values)}]"
        if isinstance(n, Includes):
            return f"{n.subject.name} includes {lit(n.value)}"
        if isinstance(n, Predicate):
            return f"{n.func}({n.subject.name})"
        return f"{n.func}({n.subject.name}) {n.op} {lit(n.value)}"

    return go(node, 0)
