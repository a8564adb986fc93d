"""A screen's actions as one row of button-like labels: click one, or press the key the key bar shows.

One widget draws every action, rather than a Button widget per action: a screen with four actions is
built and styled in a fraction of the time, which is most of what lets the app start quickly and move
between screens at once. The keyboard never needs it: each action is also a key binding of the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.widget import Widget


class Act(NamedTuple):
    """One action: the screen action it runs (e.g. "back") and its label."""

    action: str
    label: str
    primary: bool = False
    """Drawn as the main way on (one per row)."""


GAP = 2
"""Cells between two actions."""


class ActionBar(Widget):
    """Right-aligned actions; each label sits in a block of colour and reads without it, as ` Label `."""

    def __init__(self, acts: Iterable[Act], *, id: str = "actions") -> None:
        super().__init__(id=id)
        self._acts = list(acts)
        self._hidden: set[str] = set()
        self._labels: dict[str, str] = {}
        self._hover: str | None = None

    # -- what is shown ---------------------------------------------------------------------------------
    def label_of(self, action: str) -> str:
        """The label shown for `action` now."""
        for act in self._acts:
            if act.action == action:
                return self._labels.get(action, act.label)
        raise KeyError(action)

    def set_label(self, action: str, label: str) -> None:
        """Show `label` for `action` (e.g. "Back to review")."""
        if self._labels.get(action) != label:
            self._labels[action] = label
            self.refresh()

    def is_shown(self, action: str) -> bool:
        """Whether `action` is on the row."""
        return any(a.action == action for a in self._acts) and action not in self._hidden

    def set_shown(self, action: str, shown: bool) -> None:
        """Show or hide one action (e.g. Skip on a question that needs an answer)."""
        if shown == (action in self._hidden):
            (self._hidden.discard if shown else self._hidden.add)(action)
            self.refresh()

    def spans(self) -> list[tuple[int, int, Act]]:
        """(start, end, act) of each shown action, in cells from the left edge at the current width."""
        shown = [a for a in self._acts if a.action not in self._hidden]
        widths = [len(self.label_of(a.action)) + 2 for a in shown]
        total = sum(widths) + GAP * max(0, len(shown) - 1)
        x = max(0, self.size.width - total)
        out = []
        for act, width in zip(shown, widths, strict=True):
            out.append((x, x + width, act))
            x += width + GAP
        return out

    def offset_of(self, action: str) -> tuple[int, int]:
        """Where to click to run `action` (for tests and anything driving the app)."""
        for start, _end, act in self.spans():
            if act.action == action:
                return (start + 1, 0)
        raise KeyError(action)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        x = 0
        for start, end, act in self.spans():
            parts.append(" " * (start - x))
            if act.primary:
                style = "bold $text-primary reverse" if act.action == self._hover else "bold $background on $primary"
            else:
                style = "reverse" if act.action == self._hover else "$foreground on $panel"
            parts.append((f" {self.label_of(act.action)} ", style))
            x = end
        return Content.assemble(*parts)

    # -- the mouse ---------------------------------------------------------------------------------------
    def _act_at(self, x: int) -> Act | None:
        for start, end, act in self.spans():
            if start <= x < end:
                return act
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        act = self._act_at(event.x)
        hover = act.action if act else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        act = self._act_at(event.x)
        if act is not None:
            await self.app.run_action(act.action, self.screen)
