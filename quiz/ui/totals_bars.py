"""A widget showing a room's anonymous totals for one item as labelled bars, or why they are hidden."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quiz.bank.model import Question
from quiz.room.totals import ItemTotals, counter_keys
from quiz.safe_text import clean

BAR_WIDTH = 30


class TotalsBars(Static):
    """Bars per option with counts and percentages; hidden below the room's threshold."""

    DEFAULT_CSS = """
    TotalsBars { height: auto; padding: 1 2; border: round $secondary; }
    """

    def show(self, q: Question, totals: ItemTotals | None, min_count: int) -> None:
        """Draw the totals for `q` (None: no room)."""
        if totals is None:
            self.display = False
            return
        self.display = True
        t = Text()
        if totals.counts is None:
            # No count below K: how many answered so far would itself give answers away.
            t.append(f"Room totals appear once {min_count} people have answered.", style="italic")
            self.update(t)
            return
        counts = dict(totals.counts)
        t.append(f"Room: {totals.answered} answered\n", style="bold")
        for value, label in q.choices():
            n = counts.get(counter_keys(value)[0], 0)
            share = n / totals.answered if totals.answered else 0.0
            filled = round(share * BAR_WIDTH)
            t.append(f"{clean(label)[:28]:<28} ")
            t.append("\u2588" * filled + "\u2591" * (BAR_WIDTH - filled))
            t.append(f" {n:>3} ({share:.0%})\n")
        self.update(t)
