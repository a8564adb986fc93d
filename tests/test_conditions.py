"""The condition parser: every form, precedence, round-trips through `unparse`, and fuzzing."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.conditions import (
    And,
    Compare,
    ConditionError,
    Includes,
    InList,
    Measure,
    Node,
    Not,
    Or,
    Predicate,
    Reference,
    parse,
)
from quiz.conditions.nodes import CompareOp, PredicateFunc, RefKind, references, unparse
from quiz.conditions.parser import KEYWORDS, MAX_LENGTH, MAX_NESTING

from .profiles import examples

# -- every form ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparison_operators(op: CompareOp) -> None:
    node = parse(f"mood {op} 2")
    assert node == Compare(Reference("question", "mood", 0), op, 2, len(f"mood {op} "))


def test_single_equals_is_an_alias_for_double() -> None:
    assert parse("consent = 'yes'") == Compare(Reference("question", "consent", 0), "==", "yes", 10)
    assert unparse(parse("consent = 'yes'")) == unparse(parse('consent == "yes"'))


@pytest.mark.parametrize(
    ("text", "value"),
    [('a == "yes"', "yes"), ("a == 'it'", "it"), ("a == 3", 3), ("a == -3", -3), ("a == 1.5", 1.5),
     ("a == true", True), ("a == false", False), (r'a == "say \"hi\""', 'say "hi"'),
     (r'a == "back\\slash"', "back\\slash")],
)
def test_literals(text: str, value: object) -> None:
    node = parse(text)
    assert isinstance(node, Compare)
    assert node.value == value and type(node.value) is type(value)


def test_in_list() -> None:
    node = parse('topic in ["pain", "desire", 3]')
    assert node == InList(Reference("question", "topic", 0), ("pain", "desire", 3), 9, (10, 18, 28))


def test_includes() -> None:
    assert parse('topics includes "pain"') == Includes(Reference("question", "topics", 0), "pain", 16)


@pytest.mark.parametrize("func", ["answered", "skipped", "declined", "correct", "wrong"])
def test_predicates(func: PredicateFunc) -> None:
    assert parse(f"{func}(q1)") == Predicate(func, Reference("question", "q1", len(func) + 1))


@pytest.mark.parametrize(
    ("text", "func", "kind", "op", "value"),
    [("count(topics) >= 2", "count", "question", ">=", 2),
     ("score(weight) < 4", "score", "dimension", "<", 4),
     ('band(weight) == "heavy"', "band", "dimension", "==", "heavy"),
     ('band(weight) != "incomplete"', "band", "dimension", "!=", "incomplete")],
)
def test_measures(text: str, func: str, kind: str, op: str, value: object) -> None:
    node = parse(text)
    assert isinstance(node, Measure)
    assert (node.func, node.subject.kind, node.op, node.value) == (func, kind, op, value)


def test_and_or_not_parentheses() -> None:
    a = Compare(Reference("question", "a", 0), "==", 1, 5)
    node = parse("a == 1 and b == 1 or c == 1")
    assert isinstance(node, Or) and isinstance(node.items[0], And)
    assert node.items[0].items[0] == a
    assert node.items[1] == Compare(Reference("question", "c", 21), "==", 1, 26)
    grouped = parse("(a == 1 or b == 1) and c == 1")
    assert isinstance(grouped, And) and isinstance(grouped.items[0], Or)
    assert parse("not a == 1") == Not(Compare(Reference("question", "a", 4), "==", 1, 9))
    assert isinstance(parse("not (a == 1 and b == 1)"), Not)
    flat = parse("a == 1 or b == 1 or c == 1")
    assert isinstance(flat, Or) and len(flat.items) == 3
    assert [c.name for c in references(parse("(a == 1) and not b == 1 or c == 1"))] == ["a", "b", "c"]


def _canon(text: str) -> str:
    return unparse(parse(text))


@pytest.mark.parametrize(
    ("loose", "explicit"),
    [("a == 1 or b == 1 and c == 1", "a == 1 or (b == 1 and c == 1)"),
     ("a == 1 and b == 1 or c == 1", "(a == 1 and b == 1) or c == 1"),
     ("not a == 1 and b == 1", "(not a == 1) and b == 1"),
     ("not a == 1 or b == 1", "(not a == 1) or b == 1"),
     ("not not a == 1", "not (not (a == 1))"),
     ("a == 1 or not b == 1 and c == 1", "a == 1 or ((not b == 1) and c == 1)")],
)
def test_precedence(loose: str, explicit: str) -> None:
    assert _canon(loose) == _canon(explicit)


def test_precedence_is_not_left_to_right() -> None:
    assert _canon("a == 1 or b == 1 and c == 1") != _canon("(a == 1 or b == 1) and c == 1")
    assert _canon("not a == 1 and b == 1") != _canon("not (a == 1 and b == 1)")


def test_whitespace_and_line_breaks_are_free() -> None:
    assert _canon("(mood >= 2 and\n  energy <= 3)\n or answered(x)\n") == _canon(
        "mood >= 2 and energy <= 3 or answered(x)")


# -- errors at the right place ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [("x ==", 4, "expected a value"),
     ("answered(x", 10, "`)`"),
     ('a == "b" && c == 1', 9, "`&`"),
     ('a == "b" || c == 1', 9, "`|`"),
     ('x == "abc', 5, "never closed"),
     ("foo(x)", 0, "unknown function"),
     ("x == 1 y == 2", 7, "unexpected `y`"),
     ('x < "a"', 4, "compares numbers"),
     ("(x == 1", 7, "`)`"),
     ("x == yes", 5, "must be quoted"),
     ("x", 1, "expected a comparison"),
     ("x in 1", 5, "`[`"),
     ("x in [1, 2", 10, "`]`"),
     ("count(q) == \"a\"", 12, "number"),
     ('band(d) == 1', 11, "band id"),
     ("score(d)", 8, "compared"),
     ("a == 1 and", 10, "question id or a function"),
     ("and a == 1", 0, "question id or a function"),
     ("   ", 0, "empty"),
     ("x == 1 @", 7, "unexpected character"),
     ("(" * (MAX_NESTING + 1) + "x == 1" + ")" * (MAX_NESTING + 1), MAX_NESTING, "nested")],
)
def test_error_offsets(text: str, offset: int, words: str) -> None:
    with pytest.raises(ConditionError) as info:
        parse(text)
    assert info.value.offset == offset, info.value.message
    assert words in info.value.message


def test_errors_carry_hints() -> None:
    with pytest.raises(ConditionError) as info:
        parse('a == "b" && c == 1')
    assert "and" in info.value.hint
    with pytest.raises(ConditionError) as info:
        parse("x == yes")
    assert '"yes"' in info.value.hint


def test_too_long() -> None:
    text = " or ".join(["answered(q)"] * 200)
    assert len(text) > MAX_LENGTH
    with pytest.raises(ConditionError) as info:
        parse(text)
    assert 0 <= info.value.offset <= len(text)


def test_not_text() -> None:
    with pytest.raises(ConditionError):
        parse(cast(str, 3))  # as a caller without type checks might


# -- round trip: random trees -> unparse -> parse ---------------------------------------------------------

_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
_numbers = st.one_of(st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30))
_strings = st.text(max_size=12)
_literals = st.one_of(_strings, _numbers, st.booleans())


def _ref(kind: RefKind) -> st.SearchStrategy[Reference]:
    return _names.map(lambda n: Reference(kind, n, 0))


_compare = st.one_of(
    st.builds(Compare, _ref("question"), st.sampled_from(["==", "!="]), _literals, st.just(0)),
    st.builds(Compare, _ref("question"), st.sampled_from(["<", "<=", ">", ">="]), _numbers, st.just(0)),
)
_inlist = st.builds(InList, _ref("question"), st.lists(_literals, min_size=1, max_size=4).map(tuple),
                    st.just(0))
_includes = st.builds(Includes, _ref("question"), _literals, st.just(0))
_predicate = st.builds(Predicate, st.sampled_from(["answered", "skipped", "declined", "correct", "wrong"]),
                       _ref("question"))
_ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
_measure = st.one_of(
    st.builds(Measure, st.just("count"), _ref("question"), _ops, _numbers, st.just(0)),
    st.builds(Measure, st.just("score"), _ref("dimension"), _ops, _numbers, st.just(0)),
    st.builds(Measure, st.just("band"), _ref("dimension"), _ops, _strings, st.just(0)),
)
_atoms = st.one_of(_compare, _inlist, _includes, _predicate, _measure)
trees: st.SearchStrategy[Node] = st.recursive(
    _atoms,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
    ),
    max_leaves=8,
)


def _nesting(node: Node) -> int:
    if isinstance(node, (Or, And)):
        return 1 + max(_nesting(n) for n in node.items)
    if isinstance(node, Not):
        return 1 + _nesting(node.item)
    return 0


@settings(max_examples=examples(4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_round_trip(tree: Node) -> None:
    text = unparse(tree)
    if len(text) > MAX_LENGTH or _nesting(tree) >= MAX_NESTING:
        return
    again = parse(text)
    assert unparse(again) == text
    # The canonical text is a fixed point, offsets included.
    assert parse(unparse(again)) == again


@settings(max_examples=examples(2), deadline=None)
@given(trees)
def test_round_trip_keeps_literal_types(tree: Node) -> None:
    text = unparse(tree)
    if len(text) > MAX_LENGTH:
        return

    def values(n: Node) -> list[object]:
        if isinstance(n, (Or, And)):
            return [v for i in n.items for v in values(i)]
        if isinstance(n, Not):
            return values(n.item)
        if isinstance(n, InList):
            return list(n.values)
        if isinstance(n, Predicate):
            return []
        return [n.value]

    before = [(type(v), v) for v in values(tree)]
    after = [(type(v), v) for v in values(parse(text))]
    assert before == after


# -- fuzzing: never anything but a located ConditionError ------------------------------------------------

_VOCAB = ["a", "q-1", "mood", "(", ")", "[", "]", ",", "==", "=", "!=", "<", "<=", ">", ">=", "and", "or",
          "not", "in", "includes", "true", "false", '"x"', "'y'", '"', "'", "3", "-2", "1.5", "answered",
          "count", "score", "band", "skipped", "wrong", "&", "|", "\\", "-", ".", " ", "\n", "\t", "é"]


def _check_parse(text: str) -> None:
    try:
        node = parse(text)
    except ConditionError as exc:
        assert 0 <= exc.offset <= len(text), (text, exc.offset)
        assert exc.message
        return
    assert isinstance(node, (Or, And, Not, Compare, InList, Includes, Predicate, Measure))
    assert parse(unparse(node)) is not None


@settings(max_examples=examples(10), deadline=None)
@given(st.text())
def test_fuzz_text(text: str) -> None:
    _check_parse(text)


@settings(max_examples=examples(10), deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=20).map(" ".join))
def test_fuzz_tokens(text: str) -> None:
    _check_parse(text)


@settings(max_examples=examples(4), deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=20).map("".join))
def test_fuzz_tokens_glued(text: str) -> None:
    _check_parse(text)


@settings(max_examples=examples(2), deadline=None)
@given(trees, st.data())
def test_fuzz_mutated_conditions(tree: Node, data: st.DataObject) -> None:
    text = unparse(tree)
    if not text:
        return
    i = data.draw(st.integers(0, len(text) - 1))
    cut = data.draw(st.sampled_from(["delete", "insert", "truncate"]))
    if cut == "delete":
        text = text[:i] + text[i + 1:]
    elif cut == "insert":
        text = text[:i] + data.draw(st.sampled_from(_VOCAB)) + text[i:]
    else:
        text = text[:i]
    _check_parse(text)


def test_deep_nesting_is_refused_not_crashed() -> None:
    for text in ("(" * 5000, "not " * 5000 + "answered(a)", "[" * 5000):
        _check_parse(text[:MAX_LENGTH])
