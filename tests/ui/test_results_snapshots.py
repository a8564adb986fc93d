"""How results look at 80x24 and 80x23: the summary on the first screen, from shipped banks' examples.

Update after a deliberate change with `pytest tests/ui/test_results_snapshots.py --snapshot-update`,
then look at the SVGs before keeping them.
"""

from __future__ import annotations

from typing import Any

import pytest

from quiz.bank.check import load_bank
from quiz.engine.scoring import score
from quiz.paths import shipped_banks

from .test_results_summary import ResultsApp

SIZES = [(80, 24), (80, 23)]
STATES = {
    "safety-notes-first": ("therapist-fit", "sexual contact is flagged first"),
    "a-score-in-words": ("therapy-fit", "with a red flag and a safety worry"),
    "a-count-of-statements": ("myths-facts", "a few missed"),
    "not-enough-answers": ("myths-facts", "stopping partway"),
}


def _app(state: str) -> ResultsApp:
    stem, name = STATES[state]
    bank = load_bank(next(p for p in shipped_banks() if p.stem == stem))
    example = next(ex for ex in bank.examples if ex.name.startswith(name))
    return ResultsApp(score(bank, dict(example.answers)), bank)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_results_summary(snap_compare: Any, state: str, size: tuple[int, int]) -> None:
    assert snap_compare(_app(state), terminal_size=size)


def test_results_details_scores_among_bands(snap_compare: Any) -> None:
    """Scrolled to the scores: the bar of bands with the person's marked, the band in words."""

    async def to_scores(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.screen.query_one(".dimension").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(_app("safety-notes-first"), terminal_size=(80, 24), run_before=to_scores)
