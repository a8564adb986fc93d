"""The base of the app's full screens, and the messages every one of them may post to the app."""

from __future__ import annotations

from textual.message import Message
from textual.screen import Screen


class QuizScreen(Screen[None]):
    """A full screen of the quiz app: it shows one step and posts what the person did; the app, which
    owns the flow, handles the message and shows the screen for the step that comes next."""

    class Back(Message):
        """Back: to the previous question, to the statement just revealed, or to review."""

    class GoOn(Message):
        """Continue past a section's content note or a statement's reveal."""

    class SaveAndLeave(Message):
        """Save the session (asking for a label, passphrase and place), then leave."""

    class Home(Message):
        """Back to the list of banks, leaving the open bank."""
