"""`quiz test` grows near-linearly with a bank's size, measured by its work counters, never by a clock."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.reach import Searcher, goals_for
from quiz.bank.check import load_bank
from tests import reach_bank


def _effort(tmp_path: Path, n: int) -> tuple[int, int]:
    bank = load_bank(reach_bank.write(tmp_path, n))
    searcher = Searcher(bank)
    verdicts = searcher.solve(goals_for(bank))
    assert [v.goal.label for v in verdicts if v.witness is None] == []  # the generated bank is sound
    return searcher.work, searcher.evaluations


def test_eight_times_the_questions_take_at_most_twelve_times_the_work(tmp_path: Path) -> None:
    small_work, small_evals = _effort(tmp_path, 100)
    big_work, big_evals = _effort(tmp_path, 800)
    assert big_work <= 12 * small_work, (small_work, big_work)
    assert big_evals <= 12 * small_evals, (small_evals, big_evals)
