"""`quiz guide`'s app: one screen, the guide (it needs nothing of the quiz app: no bank, no input guard)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

from quiz.guide import Heading
from quiz.ui.guide_screen import GuideScreen


class GuideApp(App[None]):
    """Shows the authoring guide until q is pressed."""

    CSS_PATH = "guide.tcss"
    TITLE = "quiz guide"

    def __init__(self, markdown: str, start: Heading | None = None) -> None:
        """Show `markdown`, scrolled to `start` when given."""
        super().__init__()
        self.markdown = markdown
        self.start = start

    def get_default_screen(self) -> Screen[Any]:
        return GuideScreen(self.markdown, self.start)
