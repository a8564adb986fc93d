"""Compare: each column is headed by its save's label and date (two saves with one label stay apart),
and a cell too long for its column wraps instead of being cut, in the app and in `quiz compare`."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.engine.compare import Column, headings, to_markdown, to_text
from quiz.engine.scoring import score
from quiz.paths import shipped_banks
from quiz.ui import app as quiz_app
from quiz.ui.compare import CompareScreen, compare_table

from .ui_helpers import screen_text


def _bank() -> Bank:
    return load_bank(next(p for p in shipped_banks() if p.stem == "therapist-fit"))


def _columns(bank: Bank) -> list[Column]:
    a = score(bank, dict(bank.examples[1].answers))
    b = score(bank, dict(bank.examples[4].answers))
    return [Column("/s/one.json", "Dr Example", "2026-05-01T14:03:09Z", a, ()),
            Column("/s/two.json", "Dr Example", "2026-05-08T09:30:00Z", b, ())]


class CompareApp(App[None]):
    """The quiz app's look with only the compare screen on it."""

    CSS_PATH: ClassVar[str | Path] = Path(quiz_app.__file__).parent / "app.tcss"

    def __init__(self, bank: Bank, columns: list[Column]) -> None:
        super().__init__()
        self.bank = bank
        self.columns = columns

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.bank, self.columns))


def test_two_saves_with_one_label_are_told_apart_by_date() -> None:
    bank = _bank()
    heads = headings(_columns(bank))
    assert heads == [["Dr Example", "2026-05-01 14:03 UTC"], ["Dr Example", "2026-05-08 09:30 UTC"]]
    text = to_text(bank, _columns(bank))
    assert "2026-05-01 14:03 UTC" in text and "2026-05-08 09:30 UTC" in text
    assert "Dr Example<br>2026-05-01 14:03 UTC" in to_markdown(bank, _columns(bank))


def test_same_label_and_minute_adds_the_file_name() -> None:
    bank = _bank()
    cols = [Column(f"/s/{n}.json", "Dr Example", "2026-05-01T14:03:09Z", c.outcome, ())
            for n, c in zip(("one", "two"), _columns(bank), strict=True)]
    assert [h[-1] for h in headings(cols)] == ["one.json", "two.json"]


def test_long_cells_wrap_and_nothing_is_cut() -> None:
    bank = _bank()
    cols = _columns(bank)
    table = str(compare_table(bank, cols, 74))
    assert "\u2026" not in table
    flat = " ".join(table.split())
    for c in cols:
        for s in c.outcome.suggestions:
            # every word of every title is there, in order, however it wrapped
            assert all(word in flat for word in s.title.split())
    assert max(len(line) for line in table.splitlines()) <= 74


async def test_compare_screen_heads_columns_by_label_and_date() -> None:
    bank = _bank()
    app = CompareApp(bank, _columns(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert shown.count("Dr Example") >= 2
        assert "2026-05-01 14:03 UTC" in shown and "2026-05-08 09:30 UTC" in shown
        assert "\u2026" not in shown
