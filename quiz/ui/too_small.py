"""A plain message in place of a broken layout while the terminal is smaller than the app's layout needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.ui.actions import key_bar
from quiz.ui.app import MIN_HEIGHT, MIN_WIDTH


def message(width: int, height: int) -> Content:
    """What to say for a terminal of this size."""
    return Content(f"Terminal too small: needs at least {MIN_WIDTH}x{MIN_HEIGHT}, now {width}x{height}.\n"
                   "Make the window larger to go on, or press ctrl+q to leave.")


class TooSmallScreen(Screen[None]):
    """Covers the app until the terminal is large enough; then the app removes it."""


    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.term_size = (width, height)

    def compose(self) -> ComposeResult:
        yield Static(message(*self.term_size), id="too-small")
        yield key_bar()

    def show_size(self, width: int, height: int) -> None:
        """Update the size in the message."""
        self.term_size = (width, height)
        self.query_one("#too-small", Static).update(message(width, height))
