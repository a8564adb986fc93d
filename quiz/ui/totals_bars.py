"""A widget showing a room's anonymous totals for one item as labelled bars, or why they are hidden."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quiz.bank.model import Answer, Question
from quiz.room.totals import ItemTotals, counter_keys
from quiz.safe_text import clean

BAR_WIDTH = 20


class TotalsBars(Static):
    """Bars per option with counts and percentages; hidden below the room's threshold."""

    DEFAULT_CSS = """
    TotalsBars { height: auto; padding: 1 2; border: round $secondary; }
    """

    def show(self, q: Question, totals: ItemTotals | None, min_count: int, right: Answer | None = None) -> None:
        """Draw the totals for `q` (None: no room); `right` is the option a reveal marks as right."""
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
            is_right = right is not None and value is right
            # The right option after a reveal: marked in words and weight, not by colour alone.
            mark = "\u2713 right " if is_right else " " * 8
            t.append(f"{mark}{clean(label)[:20]:<20} " + "\u2588" * filled + "\u2591" * (BAR_WIDTH - filled)
                     + f" {n:>3} ({share:.0%})", style="bold" if is_right else "")
            t.append("\n")
        self.update(t)
