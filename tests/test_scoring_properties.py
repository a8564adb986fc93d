"""Scoring properties over every shipped bank and the full fixture, with answer sets a person could give."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.check import check_file, load_bank
from quiz.bank.model import DECLINED, SUGGESTION_ORDER, Bank, Question
from quiz.conditions.compile import compile_node
from quiz.engine.answers import hidden_problems, normalize, normalize_one
from quiz.engine.scoring import Engine
from quiz.paths import shipped_banks

from .profiles import examples

DATA = Path(__file__).parent / "data"
BANK_FILES = [DATA / "valid" / "full.yaml", DATA / "valid" / "conditions.yaml", DATA / "phq9.yaml",
              *shipped_banks()]
SETTINGS = settings(max_examples=examples(), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_BANKS: dict[Path, tuple[Bank, Engine]] = {}


def _engine(path: Path) -> tuple[Bank, Engine]:
    if path not in _BANKS:
        result = check_file(path)
        assert result.bank is not None, "\n".join(p.render() for p in result.problems)
        _BANKS[path] = (result.bank, Engine(result.bank))
    return _BANKS[path]


class _Loaded(tuple[Bank, Engine]):
    """(bank, engine) with a short repr, so Hypothesis reports stay readable."""

    def __repr__(self) -> str:
        return f"<{self[0].file}>"


@pytest.fixture(scope="module", params=BANK_FILES, ids=lambda p: p.stem)
def bank_engine(request: pytest.FixtureRequest) -> tuple[Bank, Engine]:
    return _Loaded(_engine(request.param))


def test_there_is_something_to_check() -> None:
    # The properties run over the shipped banks as well as the fixtures; none found would pass vacuously.
    assert shipped_banks()
    assert set(shipped_banks()) < set(BANK_FILES)


# -- answer sets a person could give -------------------------------------------------------------------


def _value(draw: Callable[[st.SearchStrategy[Any]], Any], q: Question) -> Any:
    """A valid raw answer for `q`, or None when its constraints leave nothing to pick."""
    if q.kind == "single":
        return draw(st.sampled_from([o.value for o in q.options]))
    if q.kind == "multiple":
        plain = [o.value for o in q.options if not o.exclusive]
        exclusive = [o.value for o in q.options if o.exclusive]
        hi = min(len(plain), q.max_choices if q.max_choices is not None else len(plain))
        can_plain = q.min_choices <= hi
        can_exclusive = bool(exclusive) and q.min_choices <= 1 and (q.max_choices or 1) >= 1
        if can_plain and (not can_exclusive or draw(st.booleans())):
            k = draw(st.integers(q.min_choices, hi))
            return draw(st.permutations(plain))[:k]
        if can_exclusive:
            return [draw(st.sampled_from(exclusive))]
        return None
    if q.kind == "scale":
        return draw(st.sampled_from([v for v, _ in q.choices()]))
    if q.kind == "statement":
        return draw(st.booleans())
    return draw(st.text(max_size=20))


@st.composite
def answer_sets(draw: st.DrawFn, engine: Engine, complete: bool = False) -> dict[str, Any]:
    """Walk the visible questions in order, answering, skipping or declining each one."""
    answers: dict[str, Any] = {}
    decided: set[str] = set()
    while True:
        pending = [q for q in engine.visible(answers) if q.id not in decided]
        if not pending:
            return answers
        q = pending[0]
        decided.add(q.id)
        choices = ["answer"] * 4
        if not complete or q.can_skip or q.kind == "text":
            choices.append("skip")
        if q.prefer_not_to_say and not complete:
            choices.append("decline")
        action = draw(st.sampled_from(choices))
        if action == "skip":
            continue
        if action == "decline":
            answers[q.id] = DECLINED
            continue
        raw = _value(draw, q)
        if raw is None:
            continue
        value, message, _hint = normalize_one(q, raw)
        assert value is not None, f"the strategy built an invalid answer for {q.id}: {message}"
        answers[q.id] = value


def _given_answers(test: Any) -> Any:
    """Run `test(bank, engine, answers, data)` with answer sets drawn for the parametrized bank."""

    @SETTINGS
    @given(data=st.data())
    def run(bank_engine: tuple[Bank, Engine], data: st.DataObject) -> None:
        bank, engine = bank_engine
        answers = data.draw(answer_sets(engine), label="answers")
        test(bank, engine, answers, data)

    run.__name__ = test.__name__
    run.__doc__ = test.__doc__
    return run


# -- properties ------------------------------------------------------------------------------------------


def _reference_score(bank: Bank, did: str, answers: dict[str, Any],
                     hidden: set[str]) -> tuple[int | float, int]:
    """(score, items answered) computed from the model alone, independently of the engine: each item's
    points times its weight, a hidden item as the dimension's `hidden` points, a partial sum prorated
    (the answered items' mean times the item count) and rounded half up with plain integer arithmetic."""
    dim = bank.dimension_by_id[did]
    total = answered = 0
    for qid in dim.items:
        q = bank.by_id[qid]
        a = answers.get(q.id)
        weight = dict(q.weights).get(did, 1)
        if a is None or a == DECLINED:
            if dim.hidden is not None and qid in hidden:
                total += int(dim.hidden) * weight
                answered += 1
            continue
        if q.kind == "scale" and q.scale is not None:
            vals = [p.value for p in q.scale.points]
            total += ((max(vals) + min(vals) - a) if q.reverse else a) * weight
        elif q.kind == "statement":
            total += int(a is q.answer) * weight
        else:
            chosen = a if isinstance(a, tuple) else (a,)
            total += sum(dict(o.scores).get(did, 0) for o in q.options if o.value in chosen)
        answered += 1
    n = len(dim.items)
    if answered and answered < n and dim.score_kind == "sum" and dim.rounding == "half-up":
        # half up: floor(total * n / answered + 1/2) = floor((2 * total * n + answered) / (2 * answered))
        return (2 * total * n + answered) // (2 * answered), answered
    return total, answered


@_given_answers
def test_scores_stay_in_range_and_bands_are_total(bank: Bank, engine: Engine, answers: dict[str, Any],
                                                  data: st.DataObject) -> None:
    outcome = engine.score(answers)
    effective = dict(outcome.answers)
    hidden = engine.walk(answers)[0].hidden
    assert len(outcome.dimensions) == len(bank.dimensions)
    for d in outcome.dimensions:
        dim = bank.dimension_by_id[d.id]
        expected, answered = _reference_score(bank, d.id, effective, hidden)
        assert d.answered == answered
        if answered < dim.min_answered:
            # The explicit "not enough answers" state, never a band.
            assert d.incomplete and d.score is None and d.band is None
            assert d.band_label == "Not enough answers"
            continue
        assert d.score == expected
        assert dim.low <= d.score <= dim.high, (d.id, d.score, dim.low, dim.high)
        holding = [b.id for b in dim.bands if b.min <= d.score <= b.max]
        assert holding == [d.band], (d.id, d.score, holding)


@_given_answers
def test_order_of_answers_does_not_matter(bank: Bank, engine: Engine, answers: dict[str, Any],
                                          data: st.DataObject) -> None:
    items = list(answers.items())
    shuffled = dict(data.draw(st.permutations(items), label="order"))
    assert engine.score(shuffled).to_json() == engine.score(answers).to_json()


@_given_answers
def test_same_answers_same_outcome(bank: Bank, engine: Engine, answers: dict[str, Any],
                                   data: st.DataObject) -> None:
    first = engine.score(answers).to_json()
    assert engine.score(answers).to_json() == first
    assert Engine(bank).score(dict(answers)).to_json() == first
    text = json.dumps(first, sort_keys=True)
    assert json.loads(text) == json.loads(json.dumps(first))


@_given_answers
def test_safety_first(bank: Bank, engine: Engine, answers: dict[str, Any], data: st.DataObject) -> None:
    outcome = engine.score(answers)
    kinds = [s.kind for s in outcome.suggestions]
    assert kinds == sorted(kinds, key=SUGGESTION_ORDER.__getitem__)
    # Evaluate each safety condition directly; every one that holds must come before any other kind.
    band_ids = {d.id: [b.id for b in d.bands] for d in bank.dimensions}
    statements = {q.id: bool(q.answer) for q in bank.questions if q.kind == "statement"}
    ctx, _visible, _ended = engine.walk(answers)
    ids = outcome.suggestion_ids()
    titles = {(s.title, s.text) for s in outcome.suggestions}
    first_other = next((i for i, s in enumerate(outcome.suggestions) if s.kind != "safety"), len(ids))
    for s in bank.suggestions:
        if s.kind != "safety":
            continue
        holds = all(c is None or compile_node(c, band_ids, statements)(ctx) for c in (s.when, s.gate))
        if not holds:
            assert s.id not in ids
            continue
        if s.id in ids:
            assert ids.index(s.id) < first_other
        else:  # only a duplicate of another safety note may be dropped
            assert (s.title, s.text) in titles
    for chosen in outcome.suggestions:
        # Why it appears: reasons from the answers, or (a suggestion with only a `gate`) its `because`.
        assert chosen.reasons or chosen.because, f"{chosen.id} fired without saying why"


@_given_answers
def test_answers_to_hidden_questions_are_ignored(bank: Bank, engine: Engine, answers: dict[str, Any],
                                                 data: st.DataObject) -> None:
    visible = {q.id for q in engine.visible(answers)}
    hidden = [q for q in bank.questions if q.id not in visible]
    if not hidden:
        return
    q = data.draw(st.sampled_from(hidden), label="hidden")
    value = _value(data.draw, q)
    if value is None:
        return
    normal, _m, _h = normalize_one(q, value)
    more = {**answers, q.id: normal}
    assert engine.score(more).to_json() == engine.score(answers).to_json()
    assert [p.path for p in hidden_problems(bank, more)] == [q.id]


@_given_answers
def test_outcome_is_json(bank: Bank, engine: Engine, answers: dict[str, Any], data: st.DataObject) -> None:
    outcome = engine.score(answers)
    data_ = outcome.to_json()
    text = json.dumps(data_, ensure_ascii=False)
    back = json.loads(text)
    assert back["bank"] == bank.id
    assert back["complete"] is outcome.complete
    assert set(back["answers"]) <= set(answers)
    # The outcome lists every scored answer (free text stays out of reports), enough to score it again.
    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in back["answers"].items()}
    normal, problems = normalize(bank, raw)
    assert not problems
    without_text = {k: v for k, v in answers.items() if bank.by_id[k].kind != "text"}
    assert engine.score(normal).to_json() == engine.score(without_text).to_json()


def test_complete_answer_sets_are_complete(bank_engine: tuple[Bank, Engine]) -> None:
    bank, engine = bank_engine

    @settings(max_examples=examples(0.5), deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(answer_sets(engine, complete=True))
    def check(answers: dict[str, Any]) -> None:
        outcome = engine.score(answers)
        assert outcome.complete
        assert not hidden_problems(bank, answers)

    check()


# -- hand cases ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full() -> Bank:
    return load_bank(DATA / "valid" / "full.yaml")


def test_reverse_keying_maps_min_to_max(full: Bank) -> None:
    engine = Engine(full)
    calm = full.by_id["calm"]
    assert calm.reverse and calm.scale is not None
    points = [p.value for p in calm.scale.points]
    lo, hi = min(points), max(points)

    def weight(value: int) -> int | float | None:
        # worry 1 shows the details section; topics answered with nothing ticked adds 0; all three
        # items answered, so nothing is prorated and the score is worry 1 plus calm's points.
        score = engine.score({"age": "adult", "worry": 1, "calm": value, "topics": ()}).dimension("weight").score
        return None if score is None else score - 1

    assert weight(lo) == hi
    assert weight(hi) == lo
    assert [weight(v) for v in points] == [lo + hi - v for v in points]
    # The same item without reverse keying would score as given: worry is the forward twin.
    assert engine.score({"age": "adult", "worry": hi, "calm": hi, "topics": ()}).dimension("weight").score == hi + lo


def test_declined_counts_as_not_answered(full: Bank) -> None:
    out = Engine(full).score({"age": "adult", "worry": 0, "calm": DECLINED})
    weight = out.dimension("weight")
    assert weight.incomplete and weight.answered == 1 and weight.needed == 2
    assert "Answer at least 2" in weight.band_text


def test_computed_ranges_of_full(full: Bank) -> None:
    # worry 0..3, calm 0..3 (reversed), topics 0..3 (pain 2 + desire 1); min_answered 2 of 3.
    assert (full.dimension_by_id["weight"].low, full.dimension_by_id["weight"].high) == (0, 9)
    assert (full.dimension_by_id["knowledge"].low, full.dimension_by_id["knowledge"].high) == (0, 1)


def test_end_option_ends_and_ignores_later_answers(full: Bank) -> None:
    engine = Engine(full)
    out = engine.score({"age": "minor", "worry": 3, "calm": 0})
    assert out.ended_early and out.visible == 1
    assert out.suggestion_ids()[0] == "youth"
    assert out.dimension("weight").incomplete
    assert dict(out.answers) == {"age": "minor"}


def test_safety_before_higher_priority_next_step() -> None:
    bank, engine = _engine(DATA / "phq9.yaml")
    answers = {f"item{i}": 3 for i in range(1, 10)}
    ids = engine.score(answers).suggestion_ids()
    assert ids == ["item9-safety", "see-clinician", "about-scoring"]


def test_reasons_name_the_answers(full: Bank) -> None:
    out = Engine(full).score({"age": "adult", "worry": 3, "calm": 0, "topics": ("pain", "desire"),
                              "pain-now": "yes", "myth": True})
    by_id = {s.id: s for s in out.suggestions}
    assert [r.question for r in by_id["doctor"].reasons] == ["pain-now"]
    assert [r.dimension for r in by_id["talk"].reasons] == ["weight"]
    # `read` fires on both halves of its `or`; each half that held gives a reason.
    assert {r.question for r in by_id["read"].reasons} == {"topics", "myth"}


def test_random_module_state_is_not_used(full: Bank) -> None:
    engine = Engine(full)
    answers = {"age": "adult", "worry": 2, "calm": 1, "topics": ("desire",), "myth": False}
    random.seed(1)
    a = engine.score(answers).to_json()
    random.seed(2)
    assert engine.score(answers).to_json() == a


_NOT_BANK = """\
quiz: 1
id: negations
title: Negations
version: "1"
disclaimer: Educational only, not a diagnosis.
sections:
  - id: s
    title: S
    questions:
      - id: a
        kind: single
        text: Pick one
        optional: true
        prefer_not_to_say: true
        options: [{value: x, label: Ex}, {value: y, label: Why}]
      - id: t
        kind: multiple
        text: Pick some
        optional: true
        options: [{value: p, label: Pea}, {value: q, label: Queue}]
      - {id: fact, kind: statement, text: A fact, answer: true, optional: true, explanation: E,
         source: src}
      - id: level
        kind: scale
        text: How much
        optional: true
        scale: three
sources:
  - {id: src, title: A source, organisation: Some body}
scales:
  three:
    options: [{value: 0, label: None}, {value: 1, label: Some}, {value: 2, label: Lots}]
suggestions:
  - {id: not-true, kind: reading, title: F, text: F, because: B, when: fact != true}
  - {id: not-two, kind: reading, title: S, text: S, because: B, when: level != 2 and answered(a)}
  - {id: unanswered, kind: next-step, title: U, text: U, because: B, when: not answered(a)}
  - {id: differs, kind: next-step, title: D, text: D, because: B, when: a != "x"}
  - {id: lacks, kind: next-step, title: L, text: L, because: B, when: not (t includes "p")}
  - {id: neither, kind: next-step, title: N, text: N, because: B, when: not (a == "x" or a == "y")}
"""


def test_reasons_under_not_and_unanswered(tmp_path: Path) -> None:
    path = tmp_path / "negations.yaml"
    path.write_text(_NOT_BANK, encoding="utf-8")
    engine = Engine(load_bank(path))

    def why(answers: dict[str, Any]) -> dict[str, list[str]]:
        return {s.id: [r.text for r in s.reasons] for s in engine.score(answers).suggestions}

    empty = why({})
    # Every suggestion that fired says why, and never claims an answer that was not given.
    assert empty["unanswered"] == ["You did not answer \u201cPick one\u201d."]
    assert empty["differs"] == ["You did not answer \u201cPick one\u201d."]
    assert empty["lacks"] == ["You did not answer \u201cPick some\u201d."]
    assert empty["neither"] == ["You did not answer \u201cPick one\u201d."]
    given_ = why({"a": "y", "t": ("q",)})
    assert given_["differs"] == ["You answered \u201cWhy\u201d to \u201cPick one\u201d."]
    assert given_["lacks"] == ["You did not choose \u201cPea\u201d for \u201cPick some\u201d."]
    assert "unanswered" not in given_ and "neither" not in given_
    declined = why({"a": DECLINED})
    assert declined["unanswered"] == ["You preferred not to say to \u201cPick one\u201d."]
    assert declined["neither"] == ["You preferred not to say to \u201cPick one\u201d."]


def test_reused_engine_tells_equal_values_of_other_types_apart(tmp_path: Path) -> None:
    # The engine reuses results between answer sets; True == 1 == 1.0 must not make them collide.
    path = tmp_path / "negations.yaml"
    path.write_text(_NOT_BANK, encoding="utf-8")
    bank = load_bank(path)
    shared = Engine(bank)
    variants: list[dict[str, object]] = [
        {"fact": False}, {"fact": 0}, {"fact": 0.0}, {"fact": 1}, {"fact": 1.0}, {"fact": True},
        {"level": 1}, {"level": True}, {"level": 1.0}, {"level": 0}, {"level": False}, {}]
    for variant in variants:
        answers = {"a": "x", **variant}
        assert shared.score(answers).to_json() == Engine(bank).score(answers).to_json(), variant
    lists = {"a": "x", "t": ["p"]}  # unhashable, as a caller might pass before normalising
    assert shared.score(lists).to_json() == Engine(bank).score(lists).to_json()
