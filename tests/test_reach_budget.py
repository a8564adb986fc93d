"""`quiz test`'s search is budgeted by work, not the clock: a busy machine gets the same verdicts."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from quiz.authoring.reach import NOT_FOUND, check_reachability
from quiz.bank.check import load_bank
from tests import reach_bank

DATA = Path(__file__).parent / "data"


def test_a_slow_clock_changes_no_verdict(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The needle suggestion gives the search no gradient, so it runs out of budget: where the clock
    cannot matter if it ever did."""
    path = tmp_path / "needle.yaml"
    path.write_text(reach_bank.needle(with_example=False), encoding="utf-8")
    bank = load_bank(path)
    calm = check_reachability(bank, steps_per_goal=2_000)
    ticks = itertools.count(step=3600.0)  # every look at the clock says an hour went by
    monkeypatch.setattr(time, "perf_counter", lambda: next(ticks))
    monkeypatch.setattr(time, "monotonic", lambda: next(ticks))
    monkeypatch.setattr(time, "time", lambda: next(ticks))
    busy = check_reachability(bank, steps_per_goal=2_000)
    assert busy == calm
    assert [v.reason for v in busy if v.witness is None] == [NOT_FOUND]


def test_the_same_bank_gets_the_same_verdicts() -> None:
    """Seeded choices and a work budget: two runs agree, witnesses included."""
    bank = load_bank(DATA / "valid" / "conditions.yaml")
    assert check_reachability(bank) == check_reachability(bank)


def test_a_goal_verdict_does_not_depend_on_the_goals_before_it() -> None:
    """Each goal's random choices are seeded by the goal itself."""
    from quiz.authoring.reach import Searcher, goals_for

    bank = load_bank(DATA / "valid" / "full.yaml")
    goals = goals_for(bank)
    forward = Searcher(bank).solve(goals)
    backward = Searcher(bank).solve(list(reversed(goals)))
    assert forward == list(reversed(backward))
