"""The base of the app's full screens: typed access to the app that runs the flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from quiz.ui.app import QuizApp


class QuizScreen(Screen[None]):
    """A full screen of the quiz app."""

    @property
    def quiz(self) -> QuizApp:
        """The running app, which owns the bank, the session and the flow."""
        from quiz.ui.app import QuizApp

        app = self.app
        assert isinstance(app, QuizApp)
        return app
