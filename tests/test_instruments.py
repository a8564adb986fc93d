"""Reference instruments score exactly as their published rules say, on complete and partial answer sets."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.check import check_text, load_bank
from quiz.bank.model import DECLINED, Bank
from quiz.engine.scoring import Engine

from .profiles import examples

DATA = Path(__file__).parent / "data"
INSTRUMENTS = DATA / "instruments"
SETTINGS = settings(max_examples=examples(), deadline=None)


def _bank(name: str) -> Bank:
    return load_bank(INSTRUMENTS / f"{name}.yaml")


def _half_up(x: Fraction) -> int:
    """x rounded to a whole number, x.5 up: plain arithmetic, independent of the engine's."""
    n, d = x.numerator, x.denominator
    return (2 * n + d) // (2 * d)


GAD, K10, MEAN, AUDIT, PHQ9 = (_bank("gad7"), _bank("k10"), _bank("mean"), _bank("audit"),
                               load_bank(DATA / "phq9.yaml"))
GAD_BANDS = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")]


def _band(table: list[tuple[int, int, str]], score: int) -> str:
    return next(b for lo, hi, b in table if lo <= score <= hi)


@SETTINGS
@given(st.lists(st.integers(0, 3), min_size=7, max_size=7))
def test_gad7_complete_sets(values: list[int]) -> None:
    out = Engine(GAD).score({f"g{i + 1}": v for i, v in enumerate(values)})
    d = out.dimension("anxiety")
    assert d.score == sum(values)
    assert d.band == _band(GAD_BANDS, sum(values))


@SETTINGS
@given(st.lists(st.one_of(st.integers(0, 3), st.just(DECLINED)), min_size=7, max_size=7))
def test_gad7_no_missing_answer_allowed_by_default(values: list[Any]) -> None:
    out = Engine(GAD).score({f"g{i + 1}": v for i, v in enumerate(values)})
    d = out.dimension("anxiety")
    if DECLINED in values:
        assert d.incomplete and d.score is None and d.needed == 7
    else:
        assert d.score == sum(values)


K10_BANDS = [(10, 15, "low"), (16, 21, "moderate"), (22, 29, "high"), (30, 50, "very-high")]


@SETTINGS
@given(st.lists(st.integers(1, 5), min_size=10, max_size=10))
def test_k10_hidden_items_count_as_one(values: list[int]) -> None:
    answers = {f"k{i + 1}": v for i, v in enumerate(values)}
    expected = list(values)
    for item, gate in ((3, 2), (6, 5)):
        if values[gate - 1] == 1:  # "none of the time": the next item is not asked, and counts 1
            expected[item - 1] = 1
    out = Engine(K10).score(answers)
    d = out.dimension("distress")
    assert d.score == sum(expected)
    assert d.band == _band(K10_BANDS, sum(expected))
    assert d.answered == 10


def _coping_reference(values: list[int | None]) -> tuple[int | float | None, int | None]:
    """(mean of the answered items to two places, half up; prorated total) per the bank's rules."""
    points = [None if v is None else (6 - v if i == 3 else v) for i, v in enumerate(values)]
    answered = [p for p in points if p is not None]
    if len(answered) < 4:
        return None, None
    mean = Fraction(sum(answered), len(answered))
    cents = _half_up(mean * 100)
    mean_value: int | float = cents // 100 if cents % 100 == 0 else cents / 100
    return mean_value, _half_up(Fraction(sum(answered) * 6, len(answered)))


@SETTINGS
@given(st.lists(st.one_of(st.integers(1, 5), st.none()), min_size=6, max_size=6))
def test_mean_scored_and_weighted_and_from(values: list[int | None]) -> None:
    answers = {f"c{i + 1}": v for i, v in enumerate(values) if v is not None}
    out = Engine(MEAN).score(answers)
    mean, total = _coping_reference(values)
    coping, tot, overall = out.dimension("coping"), out.dimension("total"), out.dimension("overall")
    assert coping.score == mean
    assert tot.score == total
    if mean is None:
        assert coping.incomplete and tot.incomplete and overall.incomplete
        return
    assert mean is not None and total is not None
    assert coping.band == ("low" if mean < 3 else "middle" if mean < 4 else "high")
    assert tot.band == ("low" if total <= 17 else "high")
    both = Fraction(str(mean)) + total
    assert overall.score == (int(both) if both.denominator == 1 else float(both))


AUDIT_BANDS = [(0, 7, "low"), (8, 15, "hazardous"), (16, 19, "harmful"), (20, 40, "dependent")]


@SETTINGS
@given(st.lists(st.integers(0, 4), min_size=8, max_size=8), st.sampled_from(["no", "yes-earlier", "yes-this-year"]),
       st.sampled_from(["no", "yes-earlier", "yes-this-year", None]))
def test_audit_scores_and_flags(first8: list[int], a9: str, a10: str | None) -> None:
    answers: dict[str, Any] = {}
    for i, v in enumerate(first8):
        q = AUDIT.by_id[f"a{i + 1}"]
        answers[q.id] = q.options[v].value
    answers["a9"] = a9
    if a10 is not None:
        answers["a10"] = a10
    out = Engine(AUDIT).score(answers)
    points = {"no": 0, "yes-earlier": 2, "yes-this-year": 4}
    d = out.dimension("use")
    flags = {f.id for f in out.flags}
    # A flag fires from its own answer, even when the score is incomplete (a10 left out).
    assert ("a9-this-year" in flags) == (a9 == "yes-this-year")
    assert ("a10-this-year" in flags) == (a10 == "yes-this-year")
    assert ("talk" in out.suggestion_ids()) == bool(flags)
    if a10 is None:
        assert d.incomplete
        return
    total = sum(first8) + points[a9] + points[a10]
    assert d.score == total and d.band == _band(AUDIT_BANDS, total)


def test_flag_reason_quotes_the_answer_and_flag_sits_with_its_dimension() -> None:
    out = Engine(PHQ9).score({"item1": 0, "item9": 1})
    assert [(f.id, f.question, f.dimension) for f in out.flags] == [("self-harm", "item9", "severity")]
    safety = next(s for s in out.suggestions if s.id == "item9-safety")
    assert any("\u201cSeveral days\u201d" in r.text and r.question == "item9" for r in safety.reasons)
    assert out.dimension("severity").incomplete
    assert Engine(PHQ9).score({"item9": DECLINED}).flags == ()
    assert Engine(PHQ9).score({"item9": 0}).flags == ()
    assert list(out.to_json()["flags"]) == [{"id": "self-harm", "label": "Thoughts of self-harm", "question": "item9",
                                       "dimension": "severity"}]


def _flip_scale(text: str) -> str:
    """The same bank with its scale's points listed in the other order."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "options:")
    end = start + 1
    while lines[end].lstrip().startswith("- {value:"):
        end += 1
    lines[start + 1:end] = reversed(lines[start + 1:end])
    return "\n".join(lines)


@SETTINGS
@given(st.lists(st.one_of(st.integers(1, 5), st.none()), min_size=6, max_size=6))
def test_scale_order_is_display_order_only(values: list[int | None]) -> None:
    text = (INSTRUMENTS / "mean.yaml").read_text(encoding="utf-8")
    flipped = check_text(_flip_scale(text), "flipped.yaml").bank
    assert flipped is not None
    assert [p.value for p in flipped.scales[0].points] != [p.value for p in MEAN.scales[0].points]
    answers = {f"c{i + 1}": v for i, v in enumerate(values) if v is not None}
    a, b = Engine(MEAN).score(answers).to_json(), Engine(flipped).score(answers).to_json()
    assert a["dimensions"] == b["dimensions"] and a["suggestions"] == b["suggestions"]


def test_scale_order_keeps_conditions_and_ranges() -> None:
    text = (INSTRUMENTS / "mean.yaml").read_text(encoding="utf-8")
    extra = ("suggestions:\n  - {id: s, kind: next-step, title: T, text: T, because: B, "
             "when: 'c1 >= 4 and band(coping) >= \"middle\"'}\n")
    low_first = check_text(_flip_scale(text) + extra, "low.yaml").bank
    high_first = check_text(text + extra, "high.yaml").bank
    assert low_first is not None and high_first is not None
    for bank in (low_first, high_first):
        d = bank.dimension_by_id["coping"]
        assert (d.low, d.high) == (1, 5)
        assert [b.id for b in d.bands] == ["low", "middle", "high"]  # by score, not as listed
        fired = Engine(bank).score({"c1": 5, "c2": 5, "c3": 5, "c4": 1}).suggestion_ids()
        assert fired == ["s"]
        assert Engine(bank).score({"c1": 3, "c2": 5, "c3": 5, "c4": 1}).suggestion_ids() == []
