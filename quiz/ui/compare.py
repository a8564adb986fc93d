"""Saved sessions of one bank side by side: bands and suggestion titles, one column per label."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.engine.compare import Column, name, rows, suggestion_rows
from quiz.safe_text import clean
from quiz.ui.actions import key_bar
from quiz.ui.base import QuizScreen
from quiz.ui.text import inert

FIRST_MAX = 24
CELL_MAX = 28


def _fit(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_table(bank: Bank, columns: list[Column]) -> Content:
    """A fixed-width table: a heading row of labels, then bands, then suggestion titles."""
    heads = [name(c) for c in columns]
    table = rows(bank, columns) + [("", ["" for _ in columns])] + suggestion_rows(columns)
    first = min(FIRST_MAX, max([len(clean(t)) for t, _ in table] + [0]))
    widths = [min(CELL_MAX, max([len(clean(h))] + [len(clean(r[1][i])) for r in table]))
              for i, h in enumerate(heads)]

    def line(lead: str, cells: list[str], style: str = "") -> Content:
        parts = [_fit(lead, first).ljust(first)]
        parts += [_fit(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)]
        return inert("  ".join(parts).rstrip(), style)

    out = [line("", heads, "bold"), Content("  ".join(["─" * first] + ["─" * w for w in widths]))]
    out += [line(title, cells) for title, cells in table]
    return Content("\n").join(out)


class CompareScreen(QuizScreen):
    """The marked saves side by side; b or escape goes back to the list."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,escape", "back", "Back"),
    ]

    def __init__(self, bank: Bank, columns: list[Column]) -> None:
        super().__init__()
        self.bank = bank
        self.columns = columns

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(Content.assemble(inert(self.bank.title), f": {len(self.columns)} saves "
                                          "compared"), classes="title")
            yield Static(compare_table(self.bank, self.columns), id="compare-table")
            for c in self.columns:
                for note in c.notes:
                    yield Static(Content.assemble((f"{name(c)}: ", "bold"), inert(note)),
                                 classes="hint")
            yield Static(Content.assemble(("Please note: ", "bold"), inert(self.bank.disclaimer)),
                         classes="para disclaimer")
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
