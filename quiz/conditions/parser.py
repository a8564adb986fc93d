"""A small recursive-descent parser for conditions; no eval, no Python ast, bounded depth."""

from __future__ import annotations

import re
from typing import get_args

from quiz.conditions.nodes import (
    And,
    Compare,
    CompareOp,
    ConditionError,
    Includes,
    InList,
    Measure,
    MeasureFunc,
    Node,
    Not,
    Or,
    Predicate,
    PredicateFunc,
    Reference,
    RefKind,
    Value,
)

# Conditions are one line of logic; 2,000 characters and 32 levels of parentheses are far beyond any
# honest condition and keep parsing cheap and recursion shallow.
MAX_LENGTH = 2000
MAX_NESTING = 32

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<number>-?[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<op>==|!=|<=|>=|<|>|=)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE | re.DOTALL,  # DOTALL: a backslash may escape a line break inside quotes
)
KEYWORDS = {"and", "or", "not", "in", "includes", "true", "false"}
# Typed tables: looking a token up in them is what turns its text into the node's Literal type.
PREDICATES: dict[str, PredicateFunc] = {f: f for f in get_args(PredicateFunc)}
MEASURES: dict[str, tuple[MeasureFunc, RefKind]] = {"count": ("count", "question"), "score": ("score", "dimension"),
                                                     "band": ("band", "dimension")}
COMPARE_OPS: dict[str, CompareOp] = {o: o for o in get_args(CompareOp)}
ORDER_OPS = {"<", "<=", ">", ">="}


class _Tok:
    __slots__ = ("kind", "text", "offset")

    def __init__(self, kind: str, text: str, offset: int) -> None:
        self.kind = kind
        self.text = text
        self.offset = offset


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            ch = text[pos]
            if ch in "\"'":
                raise ConditionError("this quote is never closed", pos, f"add a closing {ch}")
            if ch == "&" or ch == "|":
                word = "and" if ch == "&" else "or"
                raise ConditionError(f"unexpected `{ch}`", pos, f"write `{word}`")
            raise ConditionError(f"unexpected character `{ch}`", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            tok = m.group()
            if kind == "op" and tok == "=":
                tok = "=="
            if kind == "name" and tok in KEYWORDS:
                kind = tok
            if kind == "punct":
                kind = tok
            out.append(_Tok(kind, tok, pos))
        pos = m.end()
    out.append(_Tok("end", "", len(text)))
    return out


def _unquote(s: str) -> str:
    body = s[1:-1]
    return re.sub(r"\\(.)", r"\1", body, flags=re.DOTALL)


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind: str, what: str, hint: str = "") -> _Tok:
        t = self.peek()
        if t.kind != kind:
            found = "the end of the condition" if t.kind == "end" else f"`{t.text}`"
            raise ConditionError(f"expected {what}, found {found}", t.offset, hint)
        return self.take()

    def parse(self) -> Node:
        node = self.or_()
        t = self.peek()
        if t.kind != "end":
            hint = "join conditions with `and` or `or`" if t.kind in ("name", "not", "(") else ""
            raise ConditionError(f"unexpected `{t.text}`", t.offset, hint)
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while self.peek().kind == "or":
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.unary()]
        while self.peek().kind == "and":
            self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        if self.peek().kind == "not":
            tok = self.take()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ConditionError(f"nested deeper than {MAX_NESTING} levels", tok.offset)
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        t = self.peek()
        if t.kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ConditionError(f"nested deeper than {MAX_NESTING} levels", t.offset,
                                     "simplify the condition")
            node = self.or_()
            self.depth -= 1
            self.expect(")", "`)`", "every `(` needs a matching `)`")
            return node
        if t.kind != "name":
            found = "the end of the condition" if t.kind == "end" else f"`{t.text}`"
            hint = ""
            if t.kind in ("and", "or"):
                hint = f"`{t.text}` needs a condition on each side"
            elif t.kind == "end":
                hint = "the condition is incomplete"
            raise ConditionError(f"expected a question id or a function, found {found}", t.offset, hint)
        self.take()
        if self.peek().kind == "(":
            return self.call(t)
        subject = Reference("question", t.text, t.offset)
        op = self.peek()
        if op.kind == "op":
            self.take()
            value, voff = self.literal()
            if op.text in ORDER_OPS and not _is_number(value):
                raise ConditionError(f"`{op.text}` compares numbers; `{value}` is not a number", voff)
            return Compare(subject, COMPARE_OPS[op.text], value, voff)
        if op.kind == "in":
            self.take()
            lb = self.expect("[", "`[` to start a list of values", 'e.g. `concern in ["pain", "desire"]`')
            values: list[Value] = []
            offsets: list[int] = []
            while True:
                v, voff = self.literal()
                values.append(v)
                offsets.append(voff)
                if self.peek().kind == ",":
                    self.take()
                    continue
                self.expect("]", "`,` or `]`", "close the list with `]`")
                break
            return InList(subject, tuple(values), lb.offset, tuple(offsets))
        if op.kind == "includes":
            self.take()
            value, voff = self.literal()
            return Includes(subject, value, voff)
        found = "the end of the condition" if op.kind == "end" else f"`{op.text}`"
        raise ConditionError(
            f"expected a comparison after `{t.text}`, found {found}", op.offset,
            f'e.g. `{t.text} == "yes"`, `{t.text} in ["a", "b"]` or `answered({t.text})`',
        )

    def call(self, name: _Tok) -> Node:
        func = name.text
        if func not in PREDICATES and func not in MEASURES:
            known = ", ".join(sorted(set(PREDICATES) | set(MEASURES)))
            raise ConditionError(f"unknown function `{func}`", name.offset, f"known functions: {known}")
        self.take()  # (
        arg = self.expect("name", "an id inside the parentheses")
        self.expect(")", "`)`")
        if func in PREDICATES:
            kind: RefKind = "flag" if func == "flagged" else "question"
            return Predicate(PREDICATES[func], Reference(kind, arg.text, arg.offset))
        op = self.peek()
        if op.kind != "op":
            raise ConditionError(f"`{func}(...)` must be compared with something", op.offset,
                                 f"e.g. `{func}({arg.text}) >= 2`" if func != "band"
                                 else f'e.g. `band({arg.text}) == "high"`')
        self.take()
        value, voff = self.literal()
        if func in ("count", "score") and not _is_number(value):
            raise ConditionError(f"`{func}(...)` is compared with a number, not `{value}`", voff)
        if func == "band" and not isinstance(value, str):
            raise ConditionError("`band(...)` is compared with a band id in quotes", voff,
                                 f'e.g. `band({arg.text}) == "high"`')
        measure, subject_kind = MEASURES[func]
        return Measure(measure, Reference(subject_kind, arg.text, arg.offset), COMPARE_OPS[op.text], value, voff)

    def literal(self) -> tuple[Value, int]:
        t = self.peek()
        if t.kind == "string":
            self.take()
            return _unquote(t.text), t.offset
        if t.kind == "number":
            self.take()
            return (float(t.text) if "." in t.text else int(t.text)), t.offset
        if t.kind in ("true", "false"):
            self.take()
            return t.kind == "true", t.offset
        if t.kind == "name":
            raise ConditionError(f"`{t.text}` must be quoted when it is a value", t.offset,
                                 f'write "{t.text}"')
        found = "the end of the condition" if t.kind == "end" else f"`{t.text}`"
        raise ConditionError(f"expected a value, found {found}", t.offset,
                             'values are quoted text ("yes"), numbers, true or false')


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def parse(text: str) -> Node:
    """Parse a condition into a tree, or raise ConditionError with the offset of the problem."""
    if not isinstance(text, str):
        raise ConditionError("a condition must be text", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"longer than {MAX_LENGTH} characters", MAX_LENGTH, "split the logic")
    if not text.strip():
        raise ConditionError("the condition is empty", 0)
    return _Parser(text).parse()
