"""Saved sessions of one bank side by side: bands and suggestion titles, one column per save headed by
its label and date, cells wrapped, never cut."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.engine.compare import Column, headings, name, rows, suggestion_rows
from quiz.safe_text import clean
from quiz.ui.actions import key_bar
from quiz.ui.base import QuizScreen
from quiz.ui.text import inert

FIRST_MAX = 24
CELL_MAX = 28
CELL_MIN = 10
GAP = 2


def _wrap(text: str, width: int) -> list[str]:
    """A cell's text in lines of at most `width` (a word longer than that is broken): never cut."""
    return textwrap.wrap(clean(text), width, break_long_words=True, break_on_hyphens=False) or [""]


def compare_table(bank: Bank, columns: list[Column], width: int = 76) -> Content:
    """A table that fits `width` where it can: a heading of labels and dates, then bands, then suggestion
    titles; a cell too long for its column wraps onto more lines instead of being cut."""
    heads = headings(columns)
    table = rows(bank, columns) + [("", ["" for _ in columns])] + suggestion_rows(columns)
    first = min(FIRST_MAX, max([len(clean(t)) for t, _ in table] + [0]))
    room = max(CELL_MIN, (width - first - GAP * len(columns)) // max(1, len(columns)))
    widths = [max(CELL_MIN, min(CELL_MAX, room, max([len(clean(x)) for x in h] +
                                                    [len(clean(r[1][i])) for r in table])))
              for i, h in enumerate(heads)]

    def block(lead: str, cells: list[list[str]], style: str = "") -> list[Content]:
        leads = _wrap(lead, first) if lead else [""]
        depth = max([len(leads)] + [len(c) for c in cells])
        out = []
        for i in range(depth):
            parts = [(leads[i] if i < len(leads) else "").ljust(first)]
            parts += [(c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
            out.append(inert((" " * GAP).join(parts).rstrip(), style))
        return out

    head_cells = [[part for x in h for part in _wrap(x, w)] for h, w in zip(heads, widths, strict=True)]
    out = block("", head_cells, "bold")
    out.append(Content((" " * GAP).join(["\u2500" * first] + ["\u2500" * w for w in widths])))
    for title, cells in table:
        out += block(title, [_wrap(c, w) for c, w in zip(cells, widths, strict=True)])
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
            yield Static(compare_table(self.bank, self.columns, self._width()), id="compare-table")
            for c in self.columns:
                for note in c.notes:
                    yield Static(Content.assemble((f"{name(c)}: ", "bold"), inert(note)),
                                 classes="hint")
            yield Static(Content.assemble(("Please note: ", "bold"), inert(self.bank.disclaimer)),
                         classes="para disclaimer")
        yield key_bar()

    def _width(self) -> int:
        # The body's padding and scroll bar take six columns of the terminal.
        return max(40, self.app.size.width - 6)

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def on_resize(self) -> None:
        self.query_one("#compare-table", Static).update(compare_table(self.bank, self.columns, self._width()))

    def action_back(self) -> None:
        self.app.pop_screen()
