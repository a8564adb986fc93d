"""The PHQ-9 scoring table, computed here independently, against the engine on a bank of the instrument.

Kroenke, K., Spitzer, R. L. & Williams, J. B. W. (2001). The PHQ-9: validity of a brief depression severity
measure. Journal of General Internal Medicine 16(9), 606-613: nine items scored 0-3 and summed (0-27);
scores of 5, 10, 15 and 20 mark mild, moderate, moderately severe and severe, below 5 is minimal. Item 9
at 1 or more calls for follow-up whatever the total.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.engine.scoring import Engine

from .profiles import examples

BANK = Path(__file__).parent / "data" / "phq9.yaml"
ITEMS = [f"item{i}" for i in range(1, 10)]
SAFETY = "item9-safety"


def published_band(total: int) -> str:
    """The severity band from the published table, written out rather than read from the bank."""
    assert 0 <= total <= 27
    if total <= 4:
        return "minimal"
    if total <= 9:
        return "mild"
    if total <= 14:
        return "moderate"
    if total <= 19:
        return "moderately-severe"
    return "severe"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def engine(bank: Bank) -> Engine:
    return Engine(bank)


full_sets = st.fixed_dictionaries({item: st.integers(0, 3) for item in ITEMS})


def test_bank_matches_the_instrument(bank: Bank) -> None:
    assert [q.id for q in bank.questions] == ITEMS
    severity = bank.dimension_by_id["severity"]
    assert (severity.low, severity.high, severity.min_answered) == (0, 27, 9)
    assert [(b.min, b.max) for b in severity.bands] == [(0, 4), (5, 9), (10, 14), (15, 19), (20, 27)]
    labels = [label for _v, label in bank.questions[0].choices()]
    assert labels == ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    assert any("Kroenke" in w.author and w.year == 2001 for w in bank.sources)


@settings(max_examples=examples(4), deadline=None)
@given(full_sets)
def test_band_matches_the_published_table(engine: Engine, answers: dict[str, int]) -> None:
    outcome = engine.score(answers)
    severity = outcome.dimension("severity")
    total = sum(answers.values())
    assert severity.score == total
    assert severity.band == published_band(total)
    assert outcome.complete


@settings(max_examples=examples(3), deadline=None)
@given(full_sets)
def test_item9_safety_fires_iff_item9_at_least_one_and_is_first(engine: Engine,
                                                                 answers: dict[str, int]) -> None:
    ids = engine.score(answers).suggestion_ids()
    if answers["item9"] >= 1:
        assert ids[0] == SAFETY
    else:
        assert SAFETY not in ids
    assert ("see-clinician" in ids) == (sum(answers.values()) >= 10)


@settings(max_examples=examples(2), deadline=None)
@given(full_sets, st.sampled_from(ITEMS))
def test_one_missing_item_is_incomplete(engine: Engine, answers: dict[str, int], missing: str) -> None:
    del answers[missing]
    outcome = engine.score(answers)
    severity = outcome.dimension("severity")
    assert severity.incomplete and severity.score is None and severity.band is None
    assert (severity.answered, severity.needed) == (8, 9)
    assert not outcome.complete
    # A partial total must never turn into a band or a score-based suggestion.
    assert "see-clinician" not in outcome.suggestion_ids()
    # The safety rule reads the item, not the total: it still fires when item 9 is there and positive.
    assert (SAFETY in outcome.suggestion_ids()) == (answers.get("item9", 0) >= 1)


def test_boundaries(engine: Engine) -> None:
    for total in range(28):
        # Spread the total over items 1-8 so item 9 stays 0 and the table alone decides.
        values = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0]
        if sum(values) != total:
            continue  # totals above 24 need item 9
        answers = dict(zip(ITEMS, values, strict=True))
        assert engine.score(answers).dimension("severity").band == published_band(total), total
    top = engine.score(dict.fromkeys(ITEMS, 3))
    assert top.dimension("severity").band == "severe" and top.dimension("severity").score == 27


def test_safety_reason_names_item9(engine: Engine, bank: Bank) -> None:
    outcome = engine.score({**dict.fromkeys(ITEMS, 0), "item9": 2})
    first = outcome.suggestions[0]
    assert first.id == SAFETY
    assert [r.question for r in first.reasons] == ["item9"]
    assert "More than half the days" in first.reasons[0].text
    assert [r.id for r in first.resources] == ["findahelpline"]
    json.dumps(outcome.to_json())
