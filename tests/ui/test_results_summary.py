"""The results' summary (safety, each dimension in words, the next steps that matter most) is whole on
the first screen at 80x23 (so at 80x24 too) for every shipped bank's examples, and the details follow it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from quiz.bank.check import load_bank
from quiz.bank.model import Bank, Example, Expectation
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import score
from quiz.engine.summary import safety_on_screen, summarise
from quiz.paths import shipped_banks
from quiz.ui import app as quiz_app
from quiz.ui.results import ResultsScreen

from .ui_helpers import screen_text

SIZES = [(80, 23)]
"""The smallest height the summary must fit: whole at 80x23 is whole at 80x24, the same width and a row
more (the snapshots in test_results_snapshots.py show both)."""
CASES = [(bank, ex) for bank in (load_bank(p) for p in shipped_banks()) for ex in bank.examples]


def _every_warning_sign() -> tuple[Bank, Example]:
    """therapist-fit with every warning sign ticked: eight safety notes, more than a screen holds."""
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapist-fit"))
    good = next(ex for ex in bank.examples if dict(ex.answers).get("warnings") == ("none",))
    warnings = next(q for q in bank.questions if q.id == "warnings")
    answers = dict(good.answers) | {
        "warnings": tuple(o.value for o in warnings.options if not o.exclusive),
        "licence": "problem", "affirming": "no", "pressured": 3, "pushed": "yes"}
    return bank, Example(name="every warning sign", index=-1, answers=tuple(answers.items()),
                         expect=Expectation(), asserted=False)


CASES.append(_every_warning_sign())


class ResultsApp(App[None]):
    """The quiz app's look with only the results on screen (no flow, no size check)."""

    CSS_PATH: ClassVar[str | Path] = Path(quiz_app.__file__).parent / "app.tcss"

    def __init__(self, outcome: Outcome, bank: Bank) -> None:
        super().__init__()
        self.outcome = outcome
        self.bank = bank

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.push_screen(ResultsScreen(self.outcome, self.bank, can_go_home=True))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("bank", "example"), CASES, ids=lambda c: getattr(c, "id", None) or
                         getattr(c, "name", "")[:40])
async def test_summary_is_whole_on_the_first_screen(bank: Bank, example: Example,
                                                    size: tuple[int, int]) -> None:
    outcome = score(bank, dict(example.answers))
    app = ResultsApp(outcome, bank)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        body = screen.query_one("#body")
        summary = screen.query_one("#summary")
        assert body.scroll_y == 0
        # The summary's last line is inside the part of the body the screen shows.
        assert summary.region.height == summary.outer_size.height > 0
        assert summary.region.bottom <= body.content_region.bottom
        shown = _flat(screen_text(app))
        s = summarise(outcome)
        on_screen, more = safety_on_screen(s)
        for x in on_screen:
            assert _flat(x.title) in shown and _flat(x.now) in shown and "details below" in shown
        assert (_flat(more) in shown) if more else len(on_screen) == len(s.safety)
        for v in s.verdicts:
            assert _flat(v.band_label) in shown and _flat(v.line) in shown
        for n in s.next_steps:
            assert _flat(n.title) in shown
        # A safety note's title and what to do now are a line each: neither wraps.
        for line in summary.query(".summary-safety").results(Static):
            assert line.size.height == 2


async def test_details_follow_the_summary_in_order() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapy-fit"))
    example = next(ex for ex in bank.examples if "red flag and a safety worry" in ex.name)
    outcome = score(bank, dict(example.answers))
    app = ResultsApp(outcome, bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        order: list[Any] = list(app.screen.query("#body > *"))
        ids = [w.id or " ".join(sorted(w.classes)) for w in order]
        summary = ids.index("summary")
        safety = ids.index("-safety suggestion")
        scores = next(i for i, w in enumerate(order) if "dimension" in w.classes)
        assert summary < safety < scores
