"""`quiz test`'s search is budgeted by steps, not the clock: a busy machine gets the same verdicts."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from quiz.authoring.reach import NOT_FOUND, check_reachability
from quiz.bank.check import load_bank

DATA = Path(__file__).parent / "data"


def test_a_slow_clock_changes_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    bank = load_bank(DATA / "test_fixtures" / "dead_suggestion.yaml")
    calm = check_reachability(bank, steps_per_goal=2_000)
    ticks = itertools.count(step=3600.0)  # every look at the clock says an hour went by
    monkeypatch.setattr(time, "perf_counter", lambda: next(ticks))
    monkeypatch.setattr(time, "monotonic", lambda: next(ticks))
    busy = check_reachability(bank, steps_per_goal=2_000)
    assert busy == calm
    assert [v.reason for v in busy if v.witness is None] == [NOT_FOUND]


def test_the_same_bank_gets_the_same_verdicts() -> None:
    """Seeded choices and a step budget: two runs agree, witnesses included."""
    bank = load_bank(DATA / "valid" / "conditions.yaml")
    assert check_reachability(bank) == check_reachability(bank)
